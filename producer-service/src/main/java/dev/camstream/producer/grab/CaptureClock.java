package dev.camstream.producer.grab;

/**
 * Capture times of a live camera's frames from the stream's own clock (presentation timestamps), tied to the
 * wall clock by the least delay seen: a frame that arrives late, such as one buffered while the camera or
 * the network stalled, keeps the time it was captured instead of being stamped as new. The tie may move
 * later by at most {@link #MAX_CREEP} of the time passed, far more than clocks drift apart and far less than
 * a stall, and starts over when the stream's clock jumps back. One clock per connection: a new stream's
 * clock has nothing to do with the last one's.
 */
public final class CaptureClock {

    /** How fast the tie may move later: 1 ms per second. */
    static final double MAX_CREEP = 1e-3;

    private long offsetMicros = Long.MIN_VALUE;
    private long lastPtsMicros;
    private long lastWallMicros;

    /** The capture time, in epoch microseconds, of a frame with this timestamp that arrived at {@code wallMicros}. */
    public long captureMicros(long ptsMicros, long wallMicros) {
        if (ptsMicros < 0) {
            return wallMicros; // the stream gave no timestamp
        }
        long offset = wallMicros - ptsMicros;
        if (offsetMicros == Long.MIN_VALUE || ptsMicros < lastPtsMicros) {
            offsetMicros = offset;
        } else {
            long creep = (long) ((wallMicros - lastWallMicros) * MAX_CREEP);
            offsetMicros = Math.min(offset, offsetMicros + Math.max(0, creep));
        }
        lastPtsMicros = ptsMicros;
        lastWallMicros = wallMicros;
        return offsetMicros + ptsMicros;
    }
}
