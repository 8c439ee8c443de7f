package dev.camstream.consumer.store;

/** Events per second over the last few whole seconds, in fixed memory. */
final class RateMeter {

    private final int windowSeconds;
    private final long[] counts;
    private final long[] secondOfSlot;

    RateMeter(int windowSeconds) {
        this.windowSeconds = windowSeconds;
        this.counts = new long[windowSeconds + 1];
        this.secondOfSlot = new long[windowSeconds + 1];
    }

    synchronized void mark(long nowMillis) {
        long second = Math.floorDiv(nowMillis, 1000);
        int slot = (int) Math.floorMod(second, counts.length);
        if (secondOfSlot[slot] != second) {
            secondOfSlot[slot] = second;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    /** Mean rate over the whole seconds before the current one. */
    synchronized double perSecond(long nowMillis) {
        long current = Math.floorDiv(nowMillis, 1000);
        long total = 0;
        for (int slot = 0; slot < counts.length; slot++) {
            long age = current - secondOfSlot[slot];
            if (age >= 1 && age <= windowSeconds) {
                total += counts[slot];
            }
        }
        return (double) total / windowSeconds;
    }
}
