package dev.camstream.consumer.processing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.opencv.opencv_core.Mat;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.analysis.FrameAnalysis;
import dev.camstream.consumer.frame.FrameReader;
import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.frame.JpegDecoder;
import dev.camstream.consumer.frame.JpegEncoder;
import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.memory.ImageBudget;
import dev.camstream.consumer.memory.ScratchImage;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.stats.FrameStatistics.Source;
import dev.camstream.consumer.stats.MotionMeter;
import dev.camstream.consumer.stats.PixelStatistics;
import dev.camstream.consumer.store.CameraStore;
import dev.camstream.consumer.store.FrameEvents;
import dev.camstream.consumer.store.ProcessingTimes;
import dev.camstream.consumer.topic.Replica;
import dev.camstream.consumer.topic.UnitLog;
import dev.camstream.consumer.video.BgrPictures;

/**
 * What happens to one frame record: checked, skipped if stale, decoded into the one scratch image, measured,
 * and kept (its JPEG and statistics) as its camera's latest, then offered to its detectors. A JPEG (wire
 * format v1) is decoded on its own; an access unit (v2) by its camera's decoder, which has decoded every unit since the last keyframe; its JPEG is
 * made only while someone watches the camera. Nothing here knows Kafka's channel; one thread calls it, in
 * record order. A camera takes a slot only with a frame that passed every check and decoded.
 */
@ApplicationScoped
public class FrameProcessor {

    private final FrameReader reader;
    private final CameraStore store;
    private final FrameEvents events;
    private final Replica replica;
    private final FrameAnalysis analysis;
    private final JpegDecoder decoder = new JpegDecoder();
    private final CameraContexts contexts;
    private final BgrPictures pictures = new BgrPictures();
    private final PixelStatistics statistics = new PixelStatistics();
    private final ScratchImage scratch;
    private final long maxPixels;
    private final boolean skipStale;
    private final Duration maxLag;

    public FrameProcessor(ConsumerSettings config, CameraStore store, FrameEvents events, ImageBudget budget,
            Replica replica, UnitLog log, FrameAnalysis analysis) {
        this.replica = replica;
        this.analysis = analysis;
        this.contexts = new CameraContexts(log, config.maxCameras());
        this.reader = new FrameReader(config.maxPixels());
        this.maxPixels = config.maxPixels();
        this.store = store;
        this.events = events;
        this.scratch = new ScratchImage(budget);
        this.skipStale = config.mode() == ConsumerSettings.Mode.LATEST;
        this.maxLag = config.maxLag();
    }

    /**
     * Processes one record: its statistics if it became its camera's latest frame, empty if it was skipped as
     * stale or gave no picture yet. A record that breaks the wire format is thrown back as rejected, and nothing
     * is kept.
     */
    public Optional<FrameStatistics> process(ConsumerRecord<String, byte[]> record) throws RejectedRecordException {
        try {
            return process(reader.read(record), new Source(record.topic(), record.partition(), record.offset()));
        } catch (RejectedRecordException e) {
            // Counted on a camera this consumer already tracks; junk never creates one (nor its metrics).
            if (record.key() != null) {
                store.rejected(record.key());
            }
            throw e;
        }
    }

    private Optional<FrameStatistics> process(FrameRecord frame, Source source) throws RejectedRecordException {
        String camera = frame.cameraId();
        if (skipStale && Duration.between(frame.capturedAt(), Instant.now()).compareTo(maxLag) > 0) {
            // Catching up: not decoded, and a camera's decoder rejoins at a live unit. A camera gets its slot
            // with its first live frame.
            contexts.skipped(camera);
            store.skipped(camera, frame.seq());
            return Optional.empty();
        }
        if (!store.admits(camera)) {
            throw tooManyCameras(); // before decoding: a camera that cannot be kept costs nothing
        }
        CameraContext context = contexts.of(camera);
        long decodeStart = System.nanoTime();
        if (!decode(frame, source, context)) {
            store.seen(camera, frame.seq()); // a decoder that holds its first picture back
            return Optional.empty();
        }
        long statisticsStart = System.nanoTime();
        Mat image = scratch.image();
        PixelStatistics.Result pixels = statistics.compute(image);
        MotionMeter.grey(image, scratch.grey());
        double motion = context.motion(scratch.grey());
        long statisticsNanos = System.nanoTime() - statisticsStart;
        Instant processedAt = Instant.now();
        long latencyMicros = ChronoUnit.MICROS.between(frame.capturedAt(), processedAt);
        ProcessingTimes times = new ProcessingTimes(statisticsStart - decodeStart, statisticsNanos, latencyMicros);
        FrameStatistics processed = new FrameStatistics(camera, frame.seq(), image.cols(), image.rows(),
                frame.capturedAt(), processedAt, latencyMicros / 1000.0, pixels.mean(), pixels.stddev(), pixels.luma(),
                motion, source, replica.identity());
        byte[] jpeg = frame.isJpeg() ? frame.jpeg() : store.picturesWanted(camera) ? JpegEncoder.encode(image) : null;
        if (!store.processed(processed, jpeg, times)) {
            throw tooManyCameras(); // another camera took the last slot meanwhile (the statistics follower)
        }
        events.processed(processed);
        analysis.offer(processed, image, context.motionDifference(), context.analysis());
        return Optional.of(processed);
    }

    private static RejectedRecordException tooManyCameras() {
        return new RejectedRecordException(RejectReason.TOO_MANY_CAMERAS, "camera limit reached");
    }

    /** Decodes the frame into the scratch image: false if its decoder gave no picture for it yet. */
    private boolean decode(FrameRecord frame, Source source, CameraContext context) throws RejectedRecordException {
        if (frame.isJpeg()) {
            scratch.size(frame.width(), frame.height());
            decoder.decode(frame.jpeg(), scratch.image());
            return true;
        }
        AVFrame picture = context.decode(frame, source);
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
        contexts.close();
        pictures.close();
        decoder.close();
        scratch.close();
        statistics.close();
    }
}
