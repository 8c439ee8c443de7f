package dev.camstream.consumer.store;

/**
 * How long a frame processed here took to decode and to measure (statistics and motion), and how long after its
 * capture it was done.
 */
public record ProcessingTimes(long decodeNanos, long statisticsNanos, long latencyMicros) {
}
