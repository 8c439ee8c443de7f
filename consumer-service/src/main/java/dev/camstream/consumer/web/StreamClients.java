package dev.camstream.consumer.web;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;

/** Counts open live streams, so a client that goes away is seen to be released. */
@ApplicationScoped
public class StreamClients {

    private static final Logger LOG = Logger.getLogger(StreamClients.class);

    private final AtomicInteger mjpeg = new AtomicInteger();
    private final AtomicInteger sse = new AtomicInteger();

    public int mjpeg() {
        return mjpeg.get();
    }

    public int sse() {
        return sse.get();
    }

    <T> Multi<T> countedAsMjpeg(Multi<T> stream) {
        return counted(stream, mjpeg, "MJPEG");
    }

    <T> Multi<T> countedAsSse(Multi<T> stream) {
        return counted(stream, sse, "SSE");
    }

    // onTermination covers completion, failure and cancellation, which is what a closed connection causes.
    // A viewer going away is normal: one DEBUG line (ClientGoneLogFilter drops the framework's ERROR for it).
    private static <T> Multi<T> counted(Multi<T> stream, AtomicInteger counter, String kind) {
        return stream.onSubscription().invoke(counter::incrementAndGet)
                .onTermination().invoke(() -> {
                    counter.decrementAndGet();
                    LOG.debugf("%s client went away; %d still open", kind, counter.get());
                });
    }
}
