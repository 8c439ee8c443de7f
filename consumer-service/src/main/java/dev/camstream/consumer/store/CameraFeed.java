package dev.camstream.consumer.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import org.bytedeco.opencv.opencv_core.Mat;

import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.stats.MotionMeter;

/**
 * Everything kept about one camera: counters, the latest decoded image with its statistics, and the
 * annotated JPEG of that image once someone asked for it. Memory is two images per camera, whatever the
 * number of frames: the latest, and the one the next frame is decoded into, which is the latest but one,
 * reused so that no frame allocates its pixels. Written by the processing thread, read by request threads:
 * guarded by this object.
 */
public final class CameraFeed {

    private static final int FPS_WINDOW_SECONDS = 5;

    private final String id;
    private CameraMeters meters;
    private final RateMeter processedRate = new RateMeter(FPS_WINDOW_SECONDS);
    private final MotionMeter motion = new MotionMeter();
    private long frames;
    private long dropped;
    private long skipped;
    private long rejected;
    private long lastSeq;
    private long lastCaptureMicros;
    private long updatedNanos;
    private Mat image;
    private Mat next;
    private FrameStatistics statistics;
    private byte[] annotated;
    private long annotatedSeq = -1;

    /** A feed whose first frame is already decoded into {@code firstImage}: it becomes the latest at {@link #update}. */
    CameraFeed(String id, Mat firstImage) {
        this.id = id;
        this.next = firstImage;
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

    /** Where the processing thread decodes this camera's next frame; readers never see it before {@link #update}. */
    public synchronized Mat nextImage() {
        return next;
    }

    /** Makes {@link #nextImage()} the latest image, with its statistics; the previous latest becomes the next buffer. */
    public synchronized void update(FrameStatistics statistics) {
        Mat previous = image;
        image = next;
        next = previous != null ? previous : new Mat();
        this.statistics = statistics;
        frames++;
        updatedNanos = System.nanoTime();
        processedRate.mark(System.currentTimeMillis());
    }

    public synchronized Optional<FrameStatistics> statistics() {
        return Optional.ofNullable(statistics);
    }

    /**
     * The annotated JPEG of the latest frame, made by {@code annotator} only when the latest frame has none
     * yet: frames nobody asks for are never encoded.
     */
    public synchronized Optional<AnnotatedFrame> annotated(BiFunction<Mat, FrameStatistics, byte[]> annotator) {
        if (image == null) {
            return Optional.empty();
        }
        if (annotatedSeq != statistics.seq() || annotated == null) {
            long start = System.nanoTime();
            annotated = annotator.apply(image, statistics);
            meters.annotate().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            annotatedSeq = statistics.seq();
        }
        return Optional.of(new AnnotatedFrame(id, statistics.seq(), annotated));
    }

    synchronized long updatedNanos() {
        return updatedNanos;
    }

    synchronized boolean hasFrame() {
        return image != null;
    }

    public synchronized CameraSummary summary() {
        Instant lastCapture = lastCaptureMicros == 0 ? null : Instant.EPOCH.plus(lastCaptureMicros, ChronoUnit.MICROS);
        return new CameraSummary(id, frames, processedRate.perSecond(System.currentTimeMillis()), lastSeq,
                lastCapture, dropped, skipped, rejected);
    }

    synchronized void release() {
        motion.close();
        next.close();
        next = new Mat();
        if (image != null) {
            image.close();
            image = null;
        }
    }

    public record AnnotatedFrame(String camera, long seq, byte[] jpeg) {
    }
}
