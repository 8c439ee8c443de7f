package dev.camstream.consumer.processing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.opencv.opencv_core.Mat;

import dev.camstream.consumer.ConsumerConfig;
import dev.camstream.consumer.frame.FrameReader;
import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.frame.JpegDecoder;
import dev.camstream.consumer.frame.JpegEncoder;
import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.group.Replica;
import dev.camstream.consumer.history.UnitLog;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.stats.FrameStatistics.Source;
import dev.camstream.consumer.stats.MotionMeter;
import dev.camstream.consumer.stats.PixelStatistics;
import dev.camstream.consumer.store.CameraFeed;
import dev.camstream.consumer.store.CameraFeeds;
import dev.camstream.consumer.store.FrameEvents;
import dev.camstream.consumer.video.BgrPictures;

/**
 * What happens to one frame record: checked, skipped if stale, decoded into the one scratch image, measured,
 * and kept (its JPEG and statistics) as its camera's latest. A JPEG (wire format v1) is decoded on its own; an
 * access unit (v2) by its camera's decoder, which has decoded every unit since the last keyframe; its JPEG is
 * made only while someone watches the camera. Nothing here knows Kafka's channel; one thread calls it, in
 * record order. A camera takes a slot only with a frame that passed every check and decoded.
 */
@ApplicationScoped
public class FrameProcessor {

    private final FrameReader reader;
    private final CameraFeeds feeds;
    private final FrameEvents events;
    private final Replica replica;
    private final JpegDecoder decoder = new JpegDecoder();
    private final CameraVideos videos;
    private final BgrPictures pictures = new BgrPictures();
    private final PixelStatistics statistics = new PixelStatistics();
    private final ScratchImage scratch;
    private final long maxPixels;
    private final boolean skipStale;
    private final Duration maxLag;

    public FrameProcessor(ConsumerConfig config, CameraFeeds feeds, FrameEvents events, ImageBudget budget,
            Replica replica, UnitLog log) {
        this.replica = replica;
        this.videos = new CameraVideos(log, config.maxCameras());
        this.reader = new FrameReader(config.maxPixels());
        this.maxPixels = config.maxPixels();
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
        if (stale && !frame.isJpeg()) {
            // Catching up: the unit is not decoded either, and the camera's decoder rejoins at a live one.
            videos.skipped(frame.cameraId());
        }
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
        if (!decode(frame, source)) {
            return Optional.empty(); // a decoder that holds its first picture back
        }
        Mat image = scratch.image();
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
        FrameStatistics processed = new FrameStatistics(frame.cameraId(), frame.seq(), image.cols(),
                image.rows(), capturedAt, processedAt, latencyMicros / 1000.0, pixels.mean(), pixels.stddev(),
                pixels.luma(), motion, source, replica.identity());
        byte[] jpeg = frame.isJpeg() ? frame.jpeg()
                : feed.picturesWanted() ? JpegEncoder.encode(image) : null;
        feeds.update(feed, processed, jpeg);
        events.processed(processed);
        return Optional.of(processed);
    }

    /** Decodes the frame into the scratch image: false if its decoder gave no picture for it yet. */
    private boolean decode(FrameRecord frame, Source source) throws RejectedRecordException {
        if (frame.isJpeg()) {
            scratch.size(frame.width(), frame.height());
            decoder.decode(frame.jpeg(), scratch.image());
            return true;
        }
        AVFrame picture = videos.decode(frame, source);
        if (picture == null) {
            return false;
        }
        // The stated size was checked; the parameter sets decide the real one.
        if ((long) picture.width() * picture.height() > maxPixels) {
            throw new RejectedRecordException(RejectReason.TOO_LARGE, "decodes to " + picture.width() + "x"
                    + picture.height() + ", over " + maxPixels + " pixels");
        }
        scratch.size(picture.width(), picture.height());
        pictures.convert(picture, scratch.image());
        return true;
    }

    @PreDestroy
    void release() {
        videos.close();
        pictures.close();
        decoder.close();
        scratch.close();
        statistics.close();
    }
}
