package dev.camstream.consumer.store;

import jakarta.enterprise.context.ApplicationScoped;

import dev.camstream.consumer.stats.FrameStatistics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Tells live subscribers (SSE, MJPEG) that a camera has a new latest frame. Never buffers for them: a
 * subscriber that cannot keep up decides itself what to drop, so a slow client costs no memory here.
 */
@ApplicationScoped
public class FrameEvents {

    private final BroadcastProcessor<FrameStatistics> processed = BroadcastProcessor.create();

    /** Called by the processing thread after a frame became its camera's latest. */
    public void processed(FrameStatistics statistics) {
        processed.onNext(statistics);
    }

    /** Every processed frame's statistics from now on; apply an overflow strategy before any slow stage. */
    public Multi<FrameStatistics> stream() {
        return processed;
    }
}
