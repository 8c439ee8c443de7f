package dev.camstream.consumer.store;

import java.time.Instant;

/**
 * This replica's counts for one camera: frames processed, skipped and rejected here, frames missing from its
 * sequence, and its frame rate, by capture time, over the frames it learnt of (processed here or elsewhere).
 * Guarded by this object.
 */
public final class CameraCounters {

    private static final int FPS_WINDOW_SECONDS = 5;

    private final RateMeter frameRate = new RateMeter(FPS_WINDOW_SECONDS);
    private long frames;
    private long dropped;
    private long skipped;
    private long rejected;
    private long lastSeq;
    private long newestCaptureMillis = Long.MIN_VALUE;

    /**
     * Notes a frame's sequence number, read here, and counts the gap since the previous one known to the group
     * as dropped. A number that goes back means the producer restarted: a new run, not a gap.
     */
    synchronized void seen(long seq) {
        if (lastSeq > 0 && seq > lastSeq + 1) {
            dropped += seq - lastSeq - 1;
        }
        lastSeq = seq;
    }

    synchronized void processed(long seq, Instant capturedAt) {
        seen(seq);
        frames++;
        captured(capturedAt);
    }

    /** A frame another replica processed. */
    synchronized void observed(long seq, Instant capturedAt) {
        lastSeq = seq;
        captured(capturedAt);
    }

    synchronized void skipped(long seq) {
        seen(seq);
        skipped++;
    }

    synchronized void rejected() {
        rejected++;
    }

    private void captured(Instant capturedAt) {
        long millis = capturedAt.toEpochMilli();
        frameRate.mark(millis);
        newestCaptureMillis = Math.max(newestCaptureMillis, millis);
    }

    /**
     * The camera's own rate, as of {@code nowMillis}: frames by the second they were captured in, not by when
     * they were processed, so a consumer that runs behind and catches up in bursts still shows the camera's rate.
     * The second of the newest capture may still be arriving, so the seconds counted end before it; once the
     * clock is a whole second past it, the seconds without frames count as none.
     */
    synchronized double fps(long nowMillis) {
        return frameRate.perSecond(Math.max(newestCaptureMillis, nowMillis - 1000));
    }

    synchronized long frames() {
        return frames;
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized long skippedFrames() {
        return skipped;
    }

    synchronized long rejectedRecords() {
        return rejected;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }
}
