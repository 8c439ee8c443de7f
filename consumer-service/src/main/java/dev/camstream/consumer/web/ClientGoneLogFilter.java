package dev.camstream.consumer.web;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Drops what the REST layer and Netty log when a live stream's client has gone away, such as a closed browser
 * tab: RESTEasy Reactive says ERROR ("impossible to send it to client", with a stack trace) and Netty adds a
 * WARN. A viewer leaving is normal; {@link StreamClients} notes it at DEBUG instead. Records whose cause is
 * not a closed connection pass.
 */
@LoggingFilter(name = ClientGoneLogFilter.NAME)
public final class ClientGoneLogFilter implements Filter {

    /** The name the log handlers' {@code filter} setting refers to. */
    public static final String NAME = "client-gone";

    private static final String PUBLISHER_HANDLER = "org.jboss.resteasy.reactive.server.handlers.PublisherResponseHandler";
    private static final String NETTY_CONTEXT = "io.netty.channel.AbstractChannelHandlerContext";

    @Override
    public boolean isLoggable(LogRecord record) {
        String logger = record.getLoggerName();
        if (!PUBLISHER_HANDLER.equals(logger) && !NETTY_CONTEXT.equals(logger)) {
            return true;
        }
        return !(isClosedConnection(record.getThrown()) || mentionsClosedConnection(record.getMessage()));
    }

    private static boolean isClosedConnection(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClosedChannelException
                    || cause instanceof IOException && String.valueOf(cause.getMessage()).contains("Connection reset")) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsClosedConnection(String message) {
        return message != null && (message.contains("ClosedChannelException") || message.contains("Connection reset"));
    }
}
