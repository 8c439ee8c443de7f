package dev.camstream.consumer.store;

/** How long a frame processed here took to decode, and to measure (statistics and motion). */
public record ProcessingTimes(long decodeNanos, long statisticsNanos) {
}
