package dev.camstream.consumer.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.camstream.consumer.stats.FrameStatistics;

/** {@code /stats/latest}: a camera's latest statistics, with the frame's age and the camera's state now. */
public record LatestStatistics(@JsonUnwrapped FrameStatistics statistics, long ageMs, String state) {
}
