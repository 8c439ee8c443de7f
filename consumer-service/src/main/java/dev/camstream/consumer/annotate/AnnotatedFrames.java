package dev.camstream.consumer.annotate;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.analysis.RegistryFollower;
import dev.camstream.consumer.detect.DetectionRecord;
import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.frame.JpegDecoder;
import dev.camstream.consumer.frame.JpegEncoder;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.frame.Rejections;
import dev.camstream.consumer.memory.ImageBudget;
import dev.camstream.consumer.memory.ImageMemoryBusyException;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.stats.FrameStatistics.Source;
import dev.camstream.consumer.stats.PixelStatistics;
import dev.camstream.consumer.store.AnnotatedFrame;
import dev.camstream.consumer.store.CameraFeed;
import dev.camstream.consumer.store.DetectionFeed;
import dev.camstream.consumer.store.PictureCache;
import dev.camstream.consumer.topic.FrameFetcher;
import dev.camstream.consumer.topic.LoggedFrame;
import dev.camstream.consumer.topic.TopicUnavailableException;
import dev.camstream.consumer.video.VideoStills;

/**
 * A camera's latest frame with its statistics, zones and latest detections drawn on, made only when someone
 * asks and at most once per frame: viewers asking at once share one annotation, and frames nobody asks for are never encoded. The
 * frame's JPEG is the one kept here, or, for a camera another replica processes, fetched from the frames
 * topic at the offset its statistics name (an access unit there is decoded from its camera's last keyframe).
 * It is decoded again for this, within the {@link ImageBudget}.
 * When no new picture can be made, the last one made is served; a frame older than
 * {@code camstream.no-signal-after} is marked as such. Runs on request threads, outside the camera's lock.
 */
@ApplicationScoped
public class AnnotatedFrames {

    private final PictureCache pictures;
    private final ImageBudget budget;
    private final FrameFetcher fetcher;
    private final VideoStills stills;
    private final Rejections rejections;
    private final Duration noSignalAfter;
    private final DetectionFeed detections;
    private final RegistryFollower registry;
    private final Duration detectionsShown;

    public AnnotatedFrames(PictureCache pictures, ImageBudget budget, FrameFetcher fetcher, VideoStills stills,
            Rejections rejections, ConsumerSettings config, DetectionFeed detections, RegistryFollower registry) {
        this.detections = detections;
        this.registry = registry;
        // A still scene is analysed once per idle interval: its last record still says what is there.
        this.detectionsShown = config.analysis().idleInterval().plusSeconds(1);
        this.pictures = pictures;
        this.budget = budget;
        this.fetcher = fetcher;
        this.stills = stills;
        this.rejections = rejections;
        this.noSignalAfter = config.noSignalAfter();
    }

    /**
     * The camera's latest frame annotated, or the last one made if the latest cannot be had; empty if there
     * has never been one. Throws {@link ImageMemoryBusyException} if the image memory stayed taken.
     */
    public Optional<AnnotatedFrame> latest(CameraFeed feed) {
        synchronized (feed.annotating()) {
            Optional<FrameStatistics> known = feed.statistics();
            if (known.isEmpty()) {
                return Optional.empty();
            }
            FrameStatistics latest = known.get();
            boolean noSignal = isStale(latest.capturedAt());
            Optional<AnnotatedFrame> made = pictures.annotated(feed.id());
            if (made.isPresent() && made.get().seq() == latest.seq()
                    && made.get().capturedAt().equals(latest.capturedAt()) && made.get().noSignal() == noSignal) {
                return made;
            }
            Optional<byte[]> drawn = drawLatest(feed, latest, noSignal);
            AnnotatedFrame annotated;
            if (drawn.isPresent()) {
                annotated = new AnnotatedFrame(feed.id(), latest.seq(), latest.capturedAt(), noSignal, drawn.get());
            } else if (made.isPresent() && !made.get().noSignal() && isStale(made.get().capturedAt())) {
                // The frame cannot be had again (broker away, retention): mark the last picture itself.
                AnnotatedFrame last = made.get();
                byte[] marked = draw(feed, latest, last.jpeg(), FrameAnnotator::markNoSignal);
                annotated = new AnnotatedFrame(last.camera(), last.seq(), last.capturedAt(), true, marked);
            } else {
                return made;
            }
            pictures.keepAnnotated(annotated);
            return Optional.of(annotated);
        }
    }

    /** How long a detection record stays what is known of a camera: a still scene is analysed once per idle interval. */
    public Duration detectionsShown() {
        return detectionsShown;
    }

    /** The camera's latest detection record if it is of about the frame's time; null if there is none that recent. */
    private DetectionRecord recentDetections(FrameStatistics frame) {
        return detections.latest(frame.camera())
                .filter(record -> Duration.between(record.capturedAt(), frame.capturedAt()).abs()
                        .compareTo(detectionsShown) <= 0)
                .orElse(null);
    }

    /**
     * The latest frame annotated: from its JPEG kept here, or from its record fetched from the frames topic (a
     * JPEG, kept for the next viewers; or an access unit, decoded from its camera's last keyframe). Empty if
     * it cannot be had now.
     */
    private Optional<byte[]> drawLatest(CameraFeed feed, FrameStatistics latest, boolean noSignal) {
        Function<Mat, byte[]> drawing = image -> {
            DetectionOverlay.draw(image, registry.of(feed.id()).settings().zones(), recentDetections(latest));
            return FrameAnnotator.annotate(image, latest, noSignal);
        };
        Optional<byte[]> jpeg = pictures.latestJpeg(feed.id());
        if (jpeg.isPresent()) {
            return Optional.of(draw(feed, latest, jpeg.get(), drawing));
        }
        Optional<FrameRecord> fetched = fetcher.fetch(latest);
        if (fetched.isEmpty()) {
            return Optional.empty();
        }
        FrameRecord frame = fetched.get();
        if (frame.isJpeg()) {
            pictures.keepFetched(feed.id(), latest.seq(), frame.jpeg());
            return Optional.of(draw(feed, latest, frame.jpeg(), drawing));
        }
        Source source = latest.source();
        try {
            return Optional.of(draw(feed, latest,
                    image -> stills.decode(frame, source.partition(), source.offset(), image), drawing));
        } catch (RejectedRecordException e) {
            rejections.count(e, source.topic() + "-" + source.partition() + "@" + source.offset());
            return Optional.empty();
        } catch (TopicUnavailableException e) {
            return Optional.empty();
        }
    }

    /**
     * A frame read back from the log as a JPEG: annotated (what it shows, its pixel statistics, the camera's
     * zones and the boxes of {@code detections}, what was known of its objects then, drawn on), or
     * as recorded (a JPEG as it is; an access unit decoded from its camera's last keyframe). Empty if it does
     * not decode. Throws {@link ImageMemoryBusyException} if the image memory stayed taken.
     */
    public Optional<byte[]> recorded(LoggedFrame found, boolean annotate, Optional<DetectionRecord> detections) {
        FrameRecord frame = found.frame();
        if (frame.isJpeg() && !annotate) {
            return Optional.of(frame.jpeg());
        }
        try (ImageBudget.Reservation reserved = reserve((long) frame.width() * frame.height() * 3);
                Mat image = new Mat()) {
            if (frame.isJpeg()) {
                try (JpegDecoder decoder = new JpegDecoder()) {
                    decoder.decode(frame.jpeg(), image);
                }
            } else {
                stills.decode(frame, found.partition(), found.offset(), image);
            }
            if (!annotate) {
                return Optional.of(JpegEncoder.encode(image));
            }
            try (PixelStatistics statistics = new PixelStatistics()) {
                PixelStatistics.Result pixels = statistics.compute(image); // before anything is drawn
                DetectionOverlay.draw(image, registry.of(frame.cameraId()).settings().zones(), detections.orElse(null));
                return Optional.of(FrameAnnotator.annotateRecorded(image, frame, pixels));
            }
        } catch (RejectedRecordException e) {
            return Optional.empty();
        }
    }

    private boolean isStale(Instant capturedAt) {
        return Duration.between(capturedAt, Instant.now()).compareTo(noSignalAfter) > 0;
    }

    /**
     * Decodes {@code jpeg}, a frame of the camera's size, within the image budget, and hands the image to
     * {@code drawing}, which returns the new JPEG.
     */
    private byte[] draw(CameraFeed feed, FrameStatistics size, byte[] jpeg, Function<Mat, byte[]> drawing) {
        return draw(feed, size, image -> decodeKept(feed, jpeg, image), drawing);
    }

    /** Makes the picture in an image held from the image budget, and hands it to {@code drawing}. */
    private <E extends Exception> byte[] draw(CameraFeed feed, FrameStatistics size, Picture<E> picture,
            Function<Mat, byte[]> drawing) throws E {
        long start = System.nanoTime();
        try (ImageBudget.Reservation reserved = reserve((long) size.width() * size.height() * 3);
                Mat image = new Mat()) {
            picture.into(image);
            byte[] drawn = drawing.apply(image);
            feed.meters().annotate().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return drawn;
        }
    }

    /** How a frame's picture is made in an image, and what it may throw. */
    private interface Picture<E extends Exception> {
        void into(Mat image) throws E;
    }

    private static void decodeKept(CameraFeed feed, byte[] jpeg, Mat image) {
        try (BytePointer bytes = new BytePointer(jpeg); Mat encoded = new Mat(1, jpeg.length, CV_8UC1, bytes);
                Mat decoded = imdecode(encoded, IMREAD_COLOR, image)) {
            if (decoded.empty()) {
                // Checked when it was processed or fetched: this is a bug, not bad input.
                throw new IllegalStateException("kept JPEG of " + feed.id() + " no longer decodes");
            }
        }
    }

    private ImageBudget.Reservation reserve(long bytes) {
        try {
            return budget.tryReserve(bytes, ImageBudget.REQUEST_WAIT).orElseThrow(ImageMemoryBusyException::new);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageMemoryBusyException();
        }
    }
}
