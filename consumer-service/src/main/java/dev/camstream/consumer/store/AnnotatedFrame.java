package dev.camstream.consumer.store;

import java.time.Instant;

/** A camera's latest frame with its statistics drawn on, as {@code /frames/latest} serves it. */
public record AnnotatedFrame(String camera, long seq, Instant capturedAt, boolean noSignal, byte[] jpeg) {
}
