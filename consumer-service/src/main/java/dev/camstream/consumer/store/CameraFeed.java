package dev.camstream.consumer.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.stats.MotionMeter;

/**
 * Everything kept about one camera: counters, the statistics of its latest frame, that frame's JPEG as
 * received, and its annotated JPEG once someone asked for it. No decoded pixels live here beyond the motion
 * meter's thumbnail: a camera costs its JPEGs, whatever its resolution. Written by the processing thread,
 * read by request threads: guarded by this object.
 */
public final class CameraFeed {

    private static final int FPS_WINDOW_SECONDS = 5;

    private final String id;
    private CameraMeters meters;
    private final RateMeter processedRate = new RateMeter(FPS_WINDOW_SECONDS);
    private final MotionMeter motion = new MotionMeter();
    // Held while this camera's latest frame is being annotated, so that viewers asking at once share one
    // annotation; separate from this object's lock, which readers of the camera's state must never wait on.
    private final Object annotating = new Object();
    private long frames;
    private long dropped;
    private long skipped;
    private long rejected;
    private long lastSeq;
    private long lastCaptureMicros;
    private long updatedNanos;
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

    /**
     * Notes a frame's sequence number, processed or skipped, and counts the gap since the previous one as
     * dropped. A number that goes back means the producer restarted: a new run, not a gap.
     */
    public synchronized void seen(long seq, long captureMicros) {
        if (lastSeq > 0 && seq > lastSeq + 1) {
            dropped += seq - lastSeq - 1;
        }
        lastSeq = seq;
        lastCaptureMicros = captureMicros;
    }

    public synchronized void skipped() {
        skipped++;
    }

    public synchronized void rejected() {
        rejected++;
    }

    /** Makes a processed frame the latest; returns the bytes kept before it, so the owner can account for them. */
    synchronized long update(FrameStatistics statistics, byte[] jpeg) {
        long before = keptBytes();
        this.statistics = statistics;
        this.jpeg = jpeg;
        this.annotated = null;
        frames++;
        updatedNanos = System.nanoTime();
        processedRate.mark(System.currentTimeMillis());
        return before;
    }

    public synchronized Optional<FrameStatistics> statistics() {
        return Optional.ofNullable(statistics);
    }

    /** The latest frame as received, with its statistics; empty before the first, or after it was given up. */
    public synchronized Optional<LatestFrame> latest() {
        return jpeg == null ? Optional.empty() : Optional.of(new LatestFrame(statistics, jpeg));
    }

    /** The lock under which this camera's latest frame is annotated. */
    public Object annotating() {
        return annotating;
    }

    /** The annotated JPEG of the latest frame, if it has been made since that frame arrived. */
    public synchronized Optional<AnnotatedFrame> annotated() {
        return Optional.ofNullable(annotated);
    }

    /**
     * Keeps {@code frame} as the annotated latest frame, unless a newer frame arrived while it was being
     * made; returns the bytes now kept beyond before, for the owner's accounting.
     */
    public synchronized long keepAnnotated(AnnotatedFrame frame) {
        if (statistics == null || frame.seq() != statistics.seq() || jpeg == null) {
            return 0;
        }
        long before = keptBytes();
        annotated = frame;
        return keptBytes() - before;
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

    synchronized long updatedNanos() {
        return updatedNanos;
    }

    synchronized boolean hasFrame() {
        return statistics != null;
    }

    public synchronized CameraSummary summary() {
        Instant lastCapture = lastCaptureMicros == 0 ? null : Instant.EPOCH.plus(lastCaptureMicros, ChronoUnit.MICROS);
        return new CameraSummary(id, frames, processedRate.perSecond(System.currentTimeMillis()), lastSeq,
                lastCapture, dropped, skipped, rejected);
    }

    synchronized void release() {
        motion.close();
        dropFrame();
    }

    /** A camera's latest frame as it came off the topic. */
    public record LatestFrame(FrameStatistics statistics, byte[] jpeg) {
    }

    public record AnnotatedFrame(String camera, long seq, byte[] jpeg) {
    }
}
