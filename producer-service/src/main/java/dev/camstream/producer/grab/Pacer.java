package dev.camstream.producer.grab;

/**
 * Plays a non-live source (a file, the test pattern) at its own frame rate: FFmpeg reads those as fast as
 * the CPU allows, a camera does not. Works from the frames' presentation timestamps.
 */
public final class Pacer {

    // Further behind than this (a stall, a seek), the clock restarts rather than racing to catch up.
    private static final long MAX_LAG_NANOS = 1_000_000_000L;
    // A timestamp that jumps this far ahead is a discontinuity in the file, not a slow frame rate.
    private static final long MAX_WAIT_NANOS = 10_000_000_000L;

    private long startNanos;
    private long startTimestampMicros = Long.MIN_VALUE;

    /** How long to wait, from {@code nowNanos}, before the frame with this timestamp is due. */
    public long delayNanos(long frameTimestampMicros, long nowNanos) {
        if (startTimestampMicros == Long.MIN_VALUE || frameTimestampMicros < startTimestampMicros) {
            restart(frameTimestampMicros, nowNanos);
            return 0;
        }
        long dueNanos = startNanos + (frameTimestampMicros - startTimestampMicros) * 1_000;
        long delay = dueNanos - nowNanos;
        if (delay < -MAX_LAG_NANOS || delay > MAX_WAIT_NANOS) {
            restart(frameTimestampMicros, nowNanos);
            return 0;
        }
        return Math.max(0, delay);
    }

    public void reset() {
        startTimestampMicros = Long.MIN_VALUE;
    }

    private void restart(long frameTimestampMicros, long nowNanos) {
        startTimestampMicros = frameTimestampMicros;
        startNanos = nowNanos;
    }
}
