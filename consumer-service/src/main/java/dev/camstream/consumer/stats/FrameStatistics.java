package dev.camstream.consumer.stats;

import java.time.Instant;

/**
 * The statistics of one processed frame: what {@code /stats/latest} and SSE serve, and the value of a record
 * of the statistics topic (statistics v1, docs/frame-format.md). {@code source} names the frame record it
 * was computed from, {@code processedBy} the group and replica that computed it.
 */
public record FrameStatistics(
        String camera,
        long seq,
        int width,
        int height,
        Instant capturedAt,
        Instant processedAt,
        double latencyMs,
        ChannelValues mean,
        ChannelValues stddev,
        double luma,
        double motion,
        Source source,
        ProcessedBy processedBy) {

    /** The frame record: topic, partition and offset. */
    public record Source(String topic, int partition, long offset) {
    }

    /** The consumer group and the replica in it. */
    public record ProcessedBy(String group, String replica) {
    }

    /** Whether this describes a later frame of the camera than {@code other}. */
    public boolean isNewerThan(FrameStatistics other) {
        int byCapture = capturedAt.compareTo(other.capturedAt);
        return byCapture > 0 || byCapture == 0 && seq > other.seq;
    }
}
