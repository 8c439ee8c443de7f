package dev.camstream.consumer.store;

import java.time.Instant;

import dev.camstream.consumer.stats.FrameStatistics.ProcessedBy;

/**
 * One camera of the group as {@code GET /cameras} lists it: its state and the age of its latest frame,
 * which replica processes it, and this replica's counters for it ({@code fps} counts the frames it learnt
 * of, processed here or elsewhere).
 */
public record CameraSummary(
        String id,
        String state,
        long ageMs,
        ProcessedBy processedBy,
        long frames,
        double fps,
        long lastSeq,
        Instant lastCaptureTime,
        long dropped,
        long skipped,
        long rejected) {
}
