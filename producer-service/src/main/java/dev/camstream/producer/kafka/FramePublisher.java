package dev.camstream.producer.kafka;

import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import dev.camstream.producer.frame.CapturedFrame;
import dev.camstream.producer.frame.FrameRecords;
import io.smallrye.mutiny.Multi;

/**
 * Sends every frame the cameras hand over to the {@code frames} channel as a record of wire format v1
 * (JPEG) or v2 (the camera's own access units), and reports the broker's answer to the frame's
 * {@link dev.camstream.producer.frame.DeliveryReport}: sent, too large (logged once per camera), or failed.
 */
@ApplicationScoped
public class FramePublisher {

    private static final Logger LOG = Logger.getLogger(FramePublisher.class);

    // Room for the key, the headers (v2's parameter sets are at most a few hundred bytes) and Kafka's record
    // and batch framing within one request.
    private static final int RECORD_OVERHEAD_BYTES = 1024;

    private final FrameOutbox outbox;
    private final int maxFrameBytes;

    public FramePublisher(FrameOutbox outbox,
            @ConfigProperty(name = "mp.messaging.outgoing.frames.max.request.size", defaultValue = "1048576")
            int maxRequestSize) {
        this.outbox = outbox;
        this.maxFrameBytes = maxRequestSize - RECORD_OVERHEAD_BYTES;
    }

    @Outgoing(Channels.FRAMES)
    public Multi<Message<byte[]>> frames() {
        // A frame the producer would refuse is dropped here, once counted, instead of failing in the client
        // and being logged as an error on every frame.
        return outbox.frames().filter(this::fitsInARequest).map(this::toMessage);
    }

    private boolean fitsInARequest(CapturedFrame frame) {
        if (frame.data().length <= maxFrameBytes) {
            return true;
        }
        countTooLarge(frame);
        return false;
    }

    private Message<byte[]> toMessage(CapturedFrame frame) {
        return Message.of(frame.data(), Metadata.of(FrameRecords.metadata(frame)))
                .withAck(() -> {
                    frame.report().sent(frame.data().length);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    countFailure(frame, failure);
                    return CompletableFuture.completedFuture(null);
                });
    }

    private static void countFailure(CapturedFrame frame, Throwable failure) {
        if (isTooLarge(failure)) {
            countTooLarge(frame);
        } else {
            frame.report().sendFailed(String.valueOf(failure.getMessage()));
        }
    }

    private static void countTooLarge(CapturedFrame frame) {
        if (frame.report().droppedTooLarge()) {
            String remedy = frame.isJpeg() ? "Lower max-width or jpeg-quality" : "Lower the camera's bitrate";
            LOG.warnf("%s: a %d-byte %dx%d frame is larger than Kafka accepts (max.request.size or the topic's "
                    + "max.message.bytes); such frames are dropped and counted. %s, or raise the limits",
                    frame.cameraId(), frame.data().length, frame.width(), frame.height(), remedy);
        }
    }

    private static boolean isTooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
