package dev.camstream.producer.status;

/**
 * Events per second over the last few whole seconds, in fixed memory. An event is marked at the time it
 * happened (a frame at its capture, which can reach a consumer late and a little out of order); one older than
 * the window by then is not counted.
 */
public final class RateMeter {

    private final int windowSeconds;
    private final long[] counts;
    private final long[] secondOfSlot;
    private long firstSecond = Long.MIN_VALUE;
    private long newestSecond = Long.MIN_VALUE;

    public RateMeter(int windowSeconds) {
        this.windowSeconds = windowSeconds;
        this.counts = new long[windowSeconds + 1];
        this.secondOfSlot = new long[windowSeconds + 1];
    }

    public synchronized void mark(long atMillis) {
        long second = Math.floorDiv(atMillis, 1000);
        if (firstSecond == Long.MIN_VALUE) {
            firstSecond = second;
            newestSecond = second;
        }
        if (second <= newestSecond - windowSeconds) {
            return; // its slot holds a newer second now
        }
        newestSecond = Math.max(newestSecond, second);
        int slot = (int) Math.floorMod(second, counts.length);
        if (secondOfSlot[slot] != second) {
            secondOfSlot[slot] = second;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    /**
     * Mean rate over the whole seconds before the one of {@code nowMillis}. The second of the first event is
     * partial and left out, so a camera that has just started is measured over the seconds it really ran (0 until
     * one has passed).
     */
    public synchronized double perSecond(long nowMillis) {
        long current = Math.floorDiv(nowMillis, 1000);
        long seconds = firstSecond == Long.MIN_VALUE ? 0 : Math.min(windowSeconds, current - firstSecond - 1);
        if (seconds <= 0) {
            return 0;
        }
        long total = 0;
        for (int slot = 0; slot < counts.length; slot++) {
            long age = current - secondOfSlot[slot];
            if (age >= 1 && age <= seconds) {
                total += counts[slot];
            }
        }
        return (double) total / seconds;
    }
}
