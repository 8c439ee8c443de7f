package dev.camstream.consumer.store;

import java.time.Instant;

/** One camera as {@code GET /cameras} lists it. */
public record CameraSummary(
        String id,
        long frames,
        double fps,
        long lastSeq,
        Instant lastCaptureTime,
        long dropped,
        long skipped,
        long rejected) {
}
