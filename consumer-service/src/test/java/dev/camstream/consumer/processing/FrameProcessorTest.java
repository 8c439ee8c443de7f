package dev.camstream.consumer.processing;

import static dev.camstream.consumer.TestFrames.frame;
import static dev.camstream.consumer.TestFrames.nowMicros;
import static dev.camstream.consumer.TestFrames.record;
import static dev.camstream.consumer.TestFrames.solidJpeg;
import static dev.camstream.consumer.TestFrames.v1Headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.camstream.consumer.TestSettings;
import dev.camstream.consumer.analysis.TestAnalysis;
import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.memory.ImageBudget;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.stats.FrameStatistics.ProcessedBy;
import dev.camstream.consumer.stats.FrameStatistics.Source;
import dev.camstream.consumer.store.CameraFeed;
import dev.camstream.consumer.store.CameraSlots;
import dev.camstream.consumer.store.CameraStore;
import dev.camstream.consumer.store.FrameEvents;
import dev.camstream.consumer.store.PictureCache;
import dev.camstream.consumer.topic.Replica;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The processing of records without Quarkus or Kafka: statistics, what is kept, and what memory it costs. */
class FrameProcessorTest {

    private static final long MB = 1024 * 1024;
    private static final int JPEG_BYTES = solidJpeg(640, 480, 10, 20, 30).length;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // Room for the JPEGs of three cameras.
    private final TestSettings config = new TestSettings(64 * MB, 3L * JPEG_BYTES);
    private final PictureCache pictures = new PictureCache(config, registry);
    private final CameraStore store = new CameraStore(new CameraSlots(config, registry, pictures), pictures, config);
    private final ImageBudget budget = new ImageBudget(config, registry);
    private final FrameProcessor processor = new FrameProcessor(config, store, new FrameEvents(), budget,
            new Replica("group", "replica-1"), null, // no coded video here: nothing is read back
            TestAnalysis.withDetectors(config, budget, registry));

    @AfterEach
    void release() {
        processor.release();
    }

    @Test
    void aFrameBecomesItsCamerasLatestWithStatisticsAndItsJpegAsReceived() throws Exception {
        var record = frame("red", 1, 640, 480, 220, 30, 40);
        FrameStatistics statistics = processor.process(record).orElseThrow();

        CameraFeed feed = store.find("red").orElseThrow();
        assertThat(feed.statistics()).contains(statistics);
        assertThat(statistics.seq()).isEqualTo(1);
        assertThat(statistics.mean().r()).isCloseTo(220, within(4.0));
        assertThat(statistics.mean().b()).isCloseTo(40, within(4.0));
        assertThat(pictures.latestJpeg(feed.id())).containsSame(record.value());
        assertThat(statistics.source()).isEqualTo(new Source("frames", 0, record.offset()));
        assertThat(statistics.processedBy()).isEqualTo(new ProcessedBy("group", "replica-1"));
    }

    @Test
    void decodedPixelsAreOneScratchImageSizedForTheCurrentFrame() throws Exception {
        processor.process(frame("a", 1, 640, 480, 1, 2, 3));
        processor.process(frame("b", 1, 640, 480, 1, 2, 3));
        assertThat(budget.heldBytes()).as("BGR and grey of one 640x480 frame").isEqualTo(640 * 480 * 4);

        processor.process(frame("c", 1, 320, 240, 1, 2, 3));
        assertThat(budget.heldBytes()).isEqualTo(320 * 240 * 4);
    }

    @Test
    void keptJpegsStayWithinTheFrameMemoryAndTheOldestCamerasGiveTheirsUp() throws Exception {
        for (int camera = 0; camera < 10; camera++) {
            processor.process(frame("cam" + camera, 1, 640, 480, 10, 20, 30));
            assertThat(pictures.keptBytes()).isLessThanOrEqualTo(3L * JPEG_BYTES);
        }
        for (int camera = 0; camera < 7; camera++) {
            CameraFeed feed = store.find("cam" + camera).orElseThrow();
            assertThat(pictures.latestJpeg(feed.id())).as("cam%d's frame given up", camera).isEmpty();
            assertThat(feed.statistics()).as("cam%d's statistics kept", camera).isPresent();
        }
        for (int camera = 7; camera < 10; camera++) {
            assertThat(pictures.latestJpeg(store.find("cam" + camera).orElseThrow().id())).isPresent();
        }

        processor.process(frame("cam0", 2, 640, 480, 10, 20, 30));
        assertThat(pictures.latestJpeg(store.find("cam0").orElseThrow().id())).as("back with its next frame").isPresent();
        assertThat(pictures.keptBytes()).isLessThanOrEqualTo(3L * JPEG_BYTES);
    }

    @Test
    void aTruncatedJpegIsRejectedOnItsCameraAndTheLatestFrameStays() throws Exception {
        processor.process(frame("cut", 1, 640, 480, 10, 20, 30));
        byte[] jpeg = solidJpeg(640, 480, 200, 200, 200);
        var truncated = record("cut", v1Headers("cut", 2, nowMicros(), 640, 480), Arrays.copyOf(jpeg, jpeg.length / 3), 2);

        assertThatThrownBy(() -> processor.process(truncated)).isInstanceOfSatisfying(RejectedRecordException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectReason.UNDECODABLE));
        CameraFeed feed = store.find("cut").orElseThrow();
        assertThat(feed.summary(Instant.now(), 10_000).rejected()).isEqualTo(1);
        assertThat(feed.statistics().orElseThrow().seq()).isEqualTo(1);
    }
}
