package dev.camstream.producer.grab;

import java.util.OptionalDouble;

/**
 * Keeps at most {@code maxFps} frames per second of a faster camera, spread evenly: a 25 fps camera limited
 * to 10 fps keeps every second or third frame, 10 of them each second on average.
 */
public final class FrameRateLimiter {

    private final long intervalNanos;
    private long nextDueNanos = Long.MIN_VALUE;

    public FrameRateLimiter(OptionalDouble maxFps) {
        this.intervalNanos = maxFps.isPresent() ? Math.round(1e9 / maxFps.getAsDouble()) : 0;
    }

    /** Whether the frame seen at {@code nowNanos} (a monotonic clock) is kept. */
    public boolean accept(long nowNanos) {
        if (intervalNanos == 0) {
            return true;
        }
        if (nextDueNanos != Long.MIN_VALUE && nowNanos - nextDueNanos < 0) {
            return false;
        }
        // Keep the schedule while on time; after a stall, restart it from now instead of bursting to catch up.
        boolean onSchedule = nextDueNanos != Long.MIN_VALUE && nowNanos - nextDueNanos < intervalNanos;
        nextDueNanos = (onSchedule ? nextDueNanos : nowNanos) + intervalNanos;
        return true;
    }
}
