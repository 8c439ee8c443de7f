package dev.camstream.producer.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import dev.camstream.producer.frame.CapturedFrame;
import dev.camstream.producer.grab.FrameSink;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * The bridge from the camera threads to the Kafka channel: a Mutiny {@link Multi} that emits a frame only
 * when the channel has asked for one. The channel asks for as many as it may have in flight
 * ({@code max-inflight-messages}), so when the broker is slow the demand runs out and frames are refused
 * here, counted by the camera, instead of piling up in a queue: memory stays flat.
 */
@ApplicationScoped
public class FrameOutbox implements FrameSink {

    private final Multi<CapturedFrame> frames;
    private volatile MultiEmitter<? super CapturedFrame> emitter;

    public FrameOutbox() {
        // DROP is a safety net only: offer() emits solely against outstanding demand.
        this.frames = Multi.createFrom().emitter(e -> this.emitter = e, BackPressureStrategy.DROP);
    }

    public Multi<CapturedFrame> frames() {
        return frames;
    }

    @Override
    public boolean hasDemand() {
        MultiEmitter<? super CapturedFrame> current = emitter;
        return current != null && !current.isCancelled() && current.requested() > 0;
    }

    // Synchronized: the demand check and the emit must be one step, or two cameras could share one request.
    @Override
    public synchronized boolean offer(CapturedFrame frame) {
        if (!hasDemand()) {
            return false;
        }
        emitter.emit(frame);
        return true;
    }
}
