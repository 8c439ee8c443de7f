package dev.camstream.consumer.kafka;

import static org.bytedeco.opencv.global.opencv_core.setNumThreads;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.camstream.consumer.ConsumerConfig;
import dev.camstream.consumer.frame.FrameReader;
import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.frame.JpegDecoder;
import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.frame.Rejections;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.stats.PixelStatistics;
import dev.camstream.consumer.store.CameraFeed;
import dev.camstream.consumer.store.CameraFeeds;
import dev.camstream.consumer.store.FrameEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * The one consumer of the {@code frames} channel: check, skip if stale, decode once, compute statistics,
 * keep as the camera's latest. Runs on a worker thread, in record order; a bad record is counted and
 * skipped, never thrown, so it can neither stop the channel nor hold up the frames behind it.
 */
@ApplicationScoped
public class FrameConsumer {

    private static final Logger LOG = Logger.getLogger(FrameConsumer.class);

    private final FrameReader reader;
    private final CameraFeeds feeds;
    private final Rejections rejections;
    private final FrameEvents events;
    private final JpegDecoder decoder = new JpegDecoder();
    // Where a camera not yet tracked has its first frame decoded: it gets a slot only if that frame decodes.
    private Mat firstImage = new Mat();
    private final PixelStatistics statistics = new PixelStatistics();
    private final boolean skipStale;
    private final Duration maxLag;

    public FrameConsumer(ConsumerConfig config, CameraFeeds feeds, Rejections rejections, FrameEvents events) {
        this.reader = new FrameReader(config.maxPixels());
        this.feeds = feeds;
        this.rejections = rejections;
        this.events = events;
        this.skipStale = config.mode() == ConsumerConfig.Mode.LATEST;
        this.maxLag = config.maxLag();
        // Load OpenCV's native libraries now, while the service starts, not on the first frame: the first
        // load unpacks them and can take seconds, which would show as one frame's huge latency.
        Loader.load(opencv_imgcodecs.class);
        Loader.load(opencv_imgproc.class);
        // Frames are processed one at a time and each step is short: OpenCV's thread pool would only add
        // hand-offs and spinning (measured by deploy/bench: its floor loop used twice the CPU per frame).
        setNumThreads(1);
    }

    @Incoming(Channels.FRAMES)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        try {
            process(record);
        } catch (RejectedRecordException e) {
            rejections.count(e, where(record));
            // Counted on a camera this consumer already tracks; junk never creates one (nor its metrics).
            if (record.key() != null) {
                feeds.find(record.key()).ifPresent(CameraFeed::rejected);
            }
        } catch (RuntimeException e) {
            // A bug, not bad input: say where, and keep consuming.
            LOG.errorf(e, "Failed to process record %s", where(record));
        }
    }

    private void process(ConsumerRecord<String, byte[]> record) throws RejectedRecordException {
        FrameRecord frame = reader.read(record);
        Instant capturedAt = Instant.EPOCH.plus(frame.captureTimeMicros(), ChronoUnit.MICROS);
        boolean stale = skipStale && Duration.between(capturedAt, Instant.now()).compareTo(maxLag) > 0;
        Optional<CameraFeed> known = feeds.find(frame.cameraId());
        if (known.isPresent()) {
            known.get().seen(frame.seq(), frame.captureTimeMicros());
            if (stale) {
                known.get().skipped();
                return;
            }
        } else if (stale) {
            return; // a camera gets its slot with its first live frame
        } else if (!feeds.makeRoom()) {
            throw new RejectedRecordException(RejectReason.TOO_MANY_CAMERAS, "camera limit reached");
        }
        long decodeStart = System.nanoTime();
        Mat image = known.isPresent() ? known.get().nextImage() : firstImage;
        decoder.decode(frame.jpeg(), image);
        CameraFeed feed = known.orElseGet(() -> admit(frame));
        long statisticsStart = System.nanoTime();
        feed.meters().decode().record(statisticsStart - decodeStart, TimeUnit.NANOSECONDS);
        PixelStatistics.Result pixels = statistics.compute(image);
        double motion = feed.motion().next(image);
        feed.meters().statistics().record(System.nanoTime() - statisticsStart, TimeUnit.NANOSECONDS);
        Instant processedAt = Instant.now();
        long latencyMicros = ChronoUnit.MICROS.between(capturedAt, processedAt);
        feed.meters().latency().record(Math.max(0, latencyMicros), TimeUnit.MICROSECONDS);
        FrameStatistics processed = new FrameStatistics(frame.cameraId(), frame.seq(), frame.width(),
                frame.height(), capturedAt, processedAt, latencyMicros / 1000.0, pixels.mean(), pixels.stddev(),
                pixels.luma(), motion);
        feed.update(processed);
        events.processed(processed);
    }

    /** A new camera whose first frame decoded: it takes a slot, with that frame as its next image. */
    private CameraFeed admit(FrameRecord frame) {
        CameraFeed feed = feeds.admit(frame.cameraId(), firstImage);
        firstImage = new Mat();
        feed.seen(frame.seq(), frame.captureTimeMicros());
        return feed;
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
