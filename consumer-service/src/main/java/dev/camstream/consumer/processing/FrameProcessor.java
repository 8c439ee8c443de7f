package dev.camstream.consumer.processing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bytedeco.opencv.opencv_core.Mat;

import dev.camstream.consumer.ConsumerConfig;
import dev.camstream.consumer.frame.FrameReader;
import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.frame.JpegDecoder;
import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.group.Replica;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.stats.FrameStatistics.Source;
import dev.camstream.consumer.stats.MotionMeter;
import dev.camstream.consumer.stats.PixelStatistics;
import dev.camstream.consumer.store.CameraFeed;
import dev.camstream.consumer.store.CameraFeeds;
import dev.camstream.consumer.store.FrameEvents;

/**
 * What happens to one frame record: checked, skipped if stale, decoded into the one scratch image, measured,
 * and kept (its JPEG and statistics) as its camera's latest. Nothing here knows Kafka's channel; one thread
 * calls it, in record order. A camera takes a slot only with a frame that passed every check and decoded.
 */
@ApplicationScoped
public class FrameProcessor {

    private final FrameReader reader;
    private final CameraFeeds feeds;
    private final FrameEvents events;
    private final Replica replica;
    private final JpegDecoder decoder = new JpegDecoder();
    private final PixelStatistics statistics = new PixelStatistics();
    private final ScratchImage scratch;
    private final boolean skipStale;
    private final Duration maxLag;

    public FrameProcessor(ConsumerConfig config, CameraFeeds feeds, FrameEvents events, ImageBudget budget,
            Replica replica) {
        this.replica = replica;
        this.reader = new FrameReader(config.maxPixels());
        this.feeds = feeds;
        this.events = events;
        this.scratch = new ScratchImage(budget);
        this.skipStale = config.mode() == ConsumerConfig.Mode.LATEST;
        this.maxLag = config.maxLag();
    }

    /**
     * Processes one record: its statistics if it became its camera's latest frame, empty if it was skipped as
     * stale. A record that breaks the wire format is thrown back as rejected, and nothing is kept.
     */
    public Optional<FrameStatistics> process(ConsumerRecord<String, byte[]> record) throws RejectedRecordException {
        try {
            return process(reader.read(record), new Source(record.topic(), record.partition(), record.offset()));
        } catch (RejectedRecordException e) {
            // Counted on a camera this consumer already tracks; junk never creates one (nor its metrics).
            if (record.key() != null) {
                feeds.find(record.key()).ifPresent(CameraFeed::rejected);
            }
            throw e;
        }
    }

    private Optional<FrameStatistics> process(FrameRecord frame, Source source) throws RejectedRecordException {
        Instant capturedAt = frame.capturedAt();
        boolean stale = skipStale && Duration.between(capturedAt, Instant.now()).compareTo(maxLag) > 0;
        Optional<CameraFeed> known = feeds.find(frame.cameraId());
        if (known.isPresent()) {
            known.get().seen(frame.seq());
            if (stale) {
                known.get().skipped();
                return Optional.empty();
            }
        } else if (stale) {
            return Optional.empty(); // a camera gets its slot with its first live frame
        } else if (!feeds.makeRoom()) {
            throw new RejectedRecordException(RejectReason.TOO_MANY_CAMERAS, "camera limit reached");
        }
        long decodeStart = System.nanoTime();
        scratch.size(frame.width(), frame.height());
        Mat image = scratch.image();
        decoder.decode(frame.jpeg(), image);
        CameraFeed feed = known.isPresent() ? known.get() : feeds.admit(frame.cameraId())
                .orElseThrow(() -> new RejectedRecordException(RejectReason.TOO_MANY_CAMERAS, "camera limit reached"));
        if (known.isEmpty()) {
            feed.seen(frame.seq());
        }
        long statisticsStart = System.nanoTime();
        feed.meters().decode().record(statisticsStart - decodeStart, TimeUnit.NANOSECONDS);
        PixelStatistics.Result pixels = statistics.compute(image);
        MotionMeter.grey(image, scratch.grey());
        double motion = feed.motion().next(scratch.grey());
        feed.meters().statistics().record(System.nanoTime() - statisticsStart, TimeUnit.NANOSECONDS);
        Instant processedAt = Instant.now();
        long latencyMicros = ChronoUnit.MICROS.between(capturedAt, processedAt);
        feed.meters().latency().record(Math.max(0, latencyMicros), TimeUnit.MICROSECONDS);
        FrameStatistics processed = new FrameStatistics(frame.cameraId(), frame.seq(), frame.width(),
                frame.height(), capturedAt, processedAt, latencyMicros / 1000.0, pixels.mean(), pixels.stddev(),
                pixels.luma(), motion, source, replica.identity());
        feeds.update(feed, processed, frame.jpeg());
        events.processed(processed);
        return Optional.of(processed);
    }

    @PreDestroy
    void release() {
        decoder.close();
        scratch.close();
        statistics.close();
    }
}
