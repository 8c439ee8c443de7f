package dev.camstream.consumer.stats;

import java.time.Instant;

/** The statistics object of one processed frame, exactly as {@code /stats/latest} and SSE serve it. */
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
        double motion) {
}
