package dev.camstream.consumer.annotate;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import dev.camstream.consumer.processing.ImageBudget;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.store.CameraFeed;
import dev.camstream.consumer.store.CameraFeed.AnnotatedFrame;
import dev.camstream.consumer.store.CameraFeed.LatestFrame;
import dev.camstream.consumer.store.CameraFeeds;

/**
 * A camera's latest frame with its statistics drawn on, made only when someone asks and at most once per
 * frame: viewers asking at once share one annotation, and frames nobody asks for are never encoded. The
 * JPEG is decoded again for it, within the {@link ImageBudget}, so no camera keeps decoded pixels between
 * frames. Runs on request threads, outside the camera's lock.
 */
@ApplicationScoped
public class AnnotatedFrames {

    // A viewer waits this long for image memory before it gets no frame this time (503, or a skipped part).
    private static final Duration BUDGET_WAIT = Duration.ofSeconds(5);

    private final CameraFeeds feeds;
    private final ImageBudget budget;

    public AnnotatedFrames(CameraFeeds feeds, ImageBudget budget) {
        this.feeds = feeds;
        this.budget = budget;
    }

    /**
     * The camera's latest frame annotated; empty if it has none (yet, or given up to stay within the frame
     * memory). Throws {@link ImageMemoryBusyException} if the image memory stayed taken.
     */
    public Optional<AnnotatedFrame> latest(CameraFeed feed) {
        synchronized (feed.annotating()) {
            Optional<LatestFrame> latest = feed.latest();
            if (latest.isEmpty()) {
                return Optional.empty();
            }
            Optional<AnnotatedFrame> cached = feed.annotated();
            if (cached.isPresent() && cached.get().seq() == latest.get().statistics().seq()) {
                return cached;
            }
            AnnotatedFrame annotated = annotate(feed, latest.get());
            feeds.keepAnnotated(feed, annotated);
            return Optional.of(annotated);
        }
    }

    private AnnotatedFrame annotate(CameraFeed feed, LatestFrame latest) {
        FrameStatistics statistics = latest.statistics();
        long start = System.nanoTime();
        try (ImageBudget.Reservation reserved = reserve((long) statistics.width() * statistics.height() * 3);
                BytePointer bytes = new BytePointer(latest.jpeg());
                Mat encoded = new Mat(1, latest.jpeg().length, CV_8UC1, bytes);
                Mat image = imdecode(encoded, IMREAD_COLOR)) {
            if (image.empty()) {
                // The processing thread decoded these very bytes: this is a bug, not bad input.
                throw new IllegalStateException("kept JPEG of " + feed.id() + " no longer decodes");
            }
            byte[] jpeg = FrameAnnotator.annotate(image, statistics);
            feed.meters().annotate().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return new AnnotatedFrame(feed.id(), statistics.seq(), jpeg);
        }
    }

    private ImageBudget.Reservation reserve(long bytes) {
        try {
            return budget.tryReserve(bytes, BUDGET_WAIT).orElseThrow(ImageMemoryBusyException::new);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageMemoryBusyException();
        }
    }
}
