package dev.camstream.consumer.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.stats.MotionMeter;

/**
 * Everything kept about one camera of the group: the statistics of its latest frame, processed here or by
 * another replica, that frame's JPEG once here (as received, or fetched), and the annotated JPEG last made,
 * which stays until a newer one replaces it so that viewers always get the last known picture. Counters
 * are this replica's. No decoded pixels live here beyond the motion meter's thumbnails. Written by the
 * processing thread and the statistics follower, read by request threads: guarded by this object.
 */
public final class CameraFeed {

    private static final int FPS_WINDOW_SECONDS = 5;
    // A camera whose picture was asked for this recently keeps the JPEG of each frame processed here, made
    // from its decoded video; one nobody watches costs no JPEG encoding.
    private static final long PICTURES_WANTED_NANOS = 10_000_000_000L;

    private final String id;
    private CameraMeters meters;
    private final RateMeter frameRate = new RateMeter(FPS_WINDOW_SECONDS);
    private final MotionMeter motion = new MotionMeter();
    // Held while this camera's latest frame is being annotated, so that viewers asking at once share one
    // annotation; separate from this object's lock, which readers of the camera's state must never wait on.
    private final Object annotating = new Object();
    private long frames;
    private long dropped;
    private long skipped;
    private long rejected;
    private long lastSeq;
    private long updatedNanos;
    private long pictureAskedNanos = System.nanoTime() - PICTURES_WANTED_NANOS - 1;
    private FrameStatistics statistics;
    private byte[] jpeg;
    private AnnotatedFrame annotated;

    CameraFeed(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public CameraMeters meters() {
        return meters;
    }

    void meters(CameraMeters meters) {
        this.meters = meters;
    }

    /** The camera's motion state; used by the processing thread only. */
    public MotionMeter motion() {
        return motion;
    }

    /** The lock under which this camera's latest frame is annotated. */
    public Object annotating() {
        return annotating;
    }

    /**
     * Notes a frame's sequence number, processed or skipped here, and counts the gap since the previous
     * one known to the group as dropped. A number that goes back means the producer restarted: a new run,
     * not a gap.
     */
    public synchronized void seen(long seq) {
        if (lastSeq > 0 && seq > lastSeq + 1) {
            dropped += seq - lastSeq - 1;
        }
        lastSeq = seq;
    }

    public synchronized void skipped() {
        skipped++;
    }

    public synchronized void rejected() {
        rejected++;
    }

    /**
     * Makes a frame processed here the latest, with its JPEG, or none (coded video nobody asked to see lately);
     * returns the bytes kept before, for the owner's accounting.
     */
    synchronized long update(FrameStatistics statistics, byte[] jpeg) {
        long before = keptBytes();
        this.statistics = statistics;
        this.jpeg = jpeg;
        this.annotated = null;
        frames++;
        marked();
        return before;
    }

    /**
     * Takes statistics another replica computed, if they are of a newer frame than the latest known here;
     * that frame's JPEG is fetched when someone asks for it. Returns the bytes freed, or -1 if not newer.
     */
    synchronized long observe(FrameStatistics newer) {
        if (statistics != null && !newer.isNewerThan(statistics)) {
            return -1;
        }
        long freed = jpeg == null ? 0 : jpeg.length;
        statistics = newer;
        jpeg = null;
        lastSeq = newer.seq();
        marked();
        return freed;
    }

    private void marked() {
        updatedNanos = System.nanoTime();
        frameRate.mark(System.currentTimeMillis());
    }

    public synchronized Optional<FrameStatistics> statistics() {
        return Optional.ofNullable(statistics);
    }

    /** The JPEG of the latest frame, if it is here (processed here, or fetched since it became the latest). */
    public synchronized Optional<byte[]> latestJpeg() {
        pictureAskedNanos = System.nanoTime();
        return Optional.ofNullable(jpeg);
    }

    /** Whether someone asked for this camera's picture lately: then frames decoded from video are kept as JPEG. */
    public synchronized boolean picturesWanted() {
        return System.nanoTime() - pictureAskedNanos < PICTURES_WANTED_NANOS;
    }

    /** Keeps a fetched JPEG if it is still of the latest frame; returns the bytes added. */
    synchronized long keepFetched(long seq, byte[] fetched) {
        if (statistics == null || statistics.seq() != seq || jpeg != null) {
            return 0;
        }
        jpeg = fetched;
        return fetched.length;
    }

    /** The annotated JPEG made last: of the latest frame, or of an earlier one if none was made since. */
    public synchronized Optional<AnnotatedFrame> annotated() {
        return Optional.ofNullable(annotated);
    }

    /** Keeps {@code frame} as the annotated frame made last, unless a newer one is there; returns the bytes added. */
    synchronized long keepAnnotated(AnnotatedFrame frame) {
        long before = annotated == null ? 0 : annotated.jpeg().length;
        if (annotated != null && annotated.capturedAt().isAfter(frame.capturedAt())) {
            return 0;
        }
        annotated = frame;
        return frame.jpeg().length - before;
    }

    /** Gives up the kept JPEGs (statistics and counters stay); returns the bytes freed. */
    synchronized long dropFrame() {
        long freed = keptBytes();
        jpeg = null;
        annotated = null;
        return freed;
    }

    synchronized long keptBytes() {
        return (jpeg == null ? 0 : jpeg.length) + (annotated == null ? 0 : annotated.jpeg().length);
    }

    synchronized long frames() {
        return frames;
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized long skippedCount() {
        return skipped;
    }

    synchronized long rejectedCount() {
        return rejected;
    }

    synchronized long updatedNanos() {
        return updatedNanos;
    }

    synchronized boolean hasFrame() {
        return statistics != null;
    }

    /** The camera as {@code GET /cameras} lists it, its age and state as of {@code now}. */
    public synchronized CameraSummary summary(Instant now, long noSignalAfterMillis) {
        Instant lastCapture = statistics == null ? null : statistics.capturedAt();
        long ageMs = lastCapture == null ? -1 : Math.max(0, ChronoUnit.MILLIS.between(lastCapture, now));
        CameraState state = lastCapture == null ? CameraState.WAITING
                : ageMs > noSignalAfterMillis ? CameraState.NO_SIGNAL : CameraState.LIVE;
        return new CameraSummary(id, state.label(), ageMs, statistics == null ? null : statistics.processedBy(),
                frames, frameRate.perSecond(now.toEpochMilli()), lastSeq, lastCapture, dropped, skipped, rejected);
    }

    synchronized void release() {
        motion.close();
        dropFrame();
    }

    /** A camera's latest frame with its statistics drawn on, as {@code /frames/latest} serves it. */
    public record AnnotatedFrame(String camera, long seq, Instant capturedAt, boolean noSignal, byte[] jpeg) {
    }
}
