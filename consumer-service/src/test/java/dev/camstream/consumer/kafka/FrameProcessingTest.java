package dev.camstream.consumer.kafka;

import static dev.camstream.consumer.TestFrames.add;
import static dev.camstream.consumer.TestFrames.frame;
import static dev.camstream.consumer.TestFrames.nowMicros;
import static dev.camstream.consumer.TestFrames.record;
import static dev.camstream.consumer.TestFrames.solidJpeg;
import static dev.camstream.consumer.TestFrames.v1Headers;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.camstream.consumer.TestFrames;
import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.Rejections;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;

/** The frames channel on the in-memory connector: records in, statistics, frames and counters out over REST. */
@QuarkusTest
class FrameProcessingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    Rejections rejections;

    private InMemorySource<ConsumerRecord<String, byte[]>> frames;

    @BeforeEach
    void source() {
        frames = connector.source(Channels.FRAMES);
        TestFrames.awaitChannelLive(frames);
    }

    @Test
    void knownColourGivesMatchingStatisticsAndAnAnnotatedFrame() throws IOException {
        frames.send(frame("red", 1, 320, 240, 220, 30, 40));

        await().atMost(WAIT).until(() -> statsStatus("red") == 200);
        JsonPath stats = given().get("/stats/latest?camera=red").then().statusCode(200).extract().jsonPath();
        assertThat(stats.getString("camera")).isEqualTo("red");
        assertThat(stats.getLong("seq")).isEqualTo(1);
        assertThat(stats.getInt("width")).isEqualTo(320);
        assertThat(stats.getInt("height")).isEqualTo(240);
        // JPEG's chroma subsampling moves a solid colour by a few levels at most.
        assertThat(stats.getDouble("mean.r")).isCloseTo(220, within(4.0));
        assertThat(stats.getDouble("mean.g")).isCloseTo(30, within(4.0));
        assertThat(stats.getDouble("mean.b")).isCloseTo(40, within(4.0));
        assertThat(stats.getDouble("stddev.r")).isLessThan(2.0);
        assertThat(stats.getDouble("luma")).isCloseTo(0.299 * 220 + 0.587 * 30 + 0.114 * 40, within(4.0));
        assertThat(stats.getDouble("motion")).isZero();
        assertThat(stats.getDouble("latencyMs")).isBetween(0.0, 10_000.0);
        assertThat(stats.getString("capturedAt")).endsWith("Z");

        Response frame = given().get("/frames/latest?camera=red");
        assertThat(frame.statusCode()).isEqualTo(200);
        assertThat(frame.contentType()).isEqualTo("image/jpeg");
        assertThat(frame.header("X-Camera-Id")).isEqualTo("red");
        assertThat(frame.header("X-Frame-Seq")).isEqualTo("1");
        assertThat(frame.header("Cache-Control")).isEqualTo("no-store");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(frame.asByteArray()));
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(240);
        int panel = image.getRGB(1, 1);
        assertThat((panel >> 16) & 0xFF).as("top-left is the dark text panel, not the red input").isLessThan(100);
        int untouched = image.getRGB(310, 230);
        assertThat((untouched >> 16) & 0xFF).as("bottom-right keeps the input").isGreaterThan(200);
    }

    @Test
    void motionComesFromTheCamerasPreviousFrame() {
        frames.send(frame("mover", 1, 160, 120, 0, 0, 0));
        frames.send(frame("mover", 2, 160, 120, 255, 255, 255));

        await().atMost(WAIT).until(() -> statsStatus("mover") == 200
                && given().get("/stats/latest?camera=mover").jsonPath().getLong("seq") == 2);
        assertThat(given().get("/stats/latest?camera=mover").jsonPath().getDouble("motion")).isCloseTo(255, within(3.0));
    }

    @Test
    void camerasListsCountersAndSequenceGaps() {
        for (long seq : new long[] { 1, 2, 5 }) {
            frames.send(frame("gappy", seq, 64, 48, 10, 10, 10));
        }

        await().atMost(WAIT).until(() -> camera("gappy").getLong("frames") == 3);
        JsonPath gappy = camera("gappy");
        assertThat(gappy.getLong("lastSeq")).isEqualTo(5);
        assertThat(gappy.getLong("dropped")).isEqualTo(2);
        assertThat(gappy.getLong("skipped")).isZero();
        assertThat(gappy.getString("lastCaptureTime")).endsWith("Z");
    }

    @Test
    void staleFramesAreSkippedAndCounted() {
        long tenSecondsAgo = nowMicros() - 10_000_000;
        frames.send(frame("late", 1, 64, 48, 1, 2, 3));
        frames.send(record("late", v1Headers("late", 2, tenSecondsAgo, 64, 48), solidJpeg(64, 48, 1, 2, 3), 2));
        frames.send(frame("late", 3, 64, 48, 1, 2, 3));

        await().atMost(WAIT).until(() -> camera("late").getLong("frames") == 2);
        assertThat(camera("late").getLong("skipped")).isEqualTo(1);
        assertThat(given().get("/stats/latest?camera=late").jsonPath().getLong("seq")).isEqualTo(3);
    }

    @Test
    void badRecordsAreCountedAndSkippedAndTheNextFrameIsProcessed() {
        Map<RejectReason, Long> before = counts();
        byte[] good = solidJpeg(64, 48, 50, 60, 70);

        frames.send(record("bad", v1Headers("bad", 0, nowMicros(), 64, 48), good, 0));
        frames.send(record("bad", v1Headers("bad", 1, nowMicros(), 64, 48), "not a jpeg".getBytes(), 1));
        frames.send(record("bad", v1Headers("bad", 2, nowMicros(), 64, 48), Arrays.copyOf(good, good.length / 3), 2));
        frames.send(record(null, new RecordHeaders(), new byte[0], 3));
        frames.send(record("../../etc/passwd", v1Headers("../../etc/passwd", 4, nowMicros(), 64, 48), good, 4));
        frames.send(record("bad", v1Headers("bad", 5, nowMicros(), 999_999, 999_999), new byte[1_500_000], 5));
        RecordHeaders v9 = v1Headers("bad", 6, nowMicros(), 64, 48);
        add(v9, "format-version", "9");
        frames.send(record("bad", v9, good, 6));
        frames.send(record("bad", v1Headers("bad", 7, nowMicros(), 64, 48), good, 7));

        await().atMost(WAIT).until(() -> statsStatus("bad") == 200);
        assertThat(given().get("/stats/latest?camera=bad").jsonPath().getLong("seq")).isEqualTo(7);
        Map<RejectReason, Long> after = counts();
        assertThat(after.get(RejectReason.NOT_JPEG) - before.get(RejectReason.NOT_JPEG)).isEqualTo(1);
        assertThat(after.get(RejectReason.UNDECODABLE) - before.get(RejectReason.UNDECODABLE)).isEqualTo(1);
        assertThat(after.get(RejectReason.INVALID_KEY) - before.get(RejectReason.INVALID_KEY)).isEqualTo(2);
        assertThat(after.get(RejectReason.TOO_LARGE) - before.get(RejectReason.TOO_LARGE)).isEqualTo(1);
        assertThat(after.get(RejectReason.UNKNOWN_FORMAT_VERSION) - before.get(RejectReason.UNKNOWN_FORMAT_VERSION))
                .isEqualTo(1);
        // Counted on the camera, which its first, valid frame made known.
        assertThat(camera("bad").getLong("rejected")).isEqualTo(4);
        assertThat(camera("bad").getLong("frames")).isEqualTo(2);
        assertThat(given().get("/cameras").asString()).doesNotContain("passwd");
    }

    @Test
    void unknownCameraIs404AndMalformedCameraIs400WithJsonBodies() {
        given().get("/stats/latest?camera=nobody").then().statusCode(404).contentType("application/json")
                .body("status", equalTo(404)).body("error", equalTo("not-found"));
        given().get("/frames/latest?camera=nobody").then().statusCode(404).contentType("application/json")
                .body("error", equalTo("not-found"));
        given().get("/stats/latest?camera=../etc").then().statusCode(400).contentType("application/json")
                .body("status", equalTo(400)).body("error", equalTo("invalid-camera"));
        given().get("/frames/latest?camera=" + "x".repeat(65)).then().statusCode(400)
                .body("error", equalTo("invalid-camera"));
    }

    private Map<RejectReason, Long> counts() {
        Map<RejectReason, Long> counts = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            counts.put(reason, rejections.count(reason));
        }
        return counts;
    }

    private static int statsStatus(String camera) {
        return given().get("/stats/latest?camera=" + camera).statusCode();
    }

    private static JsonPath camera(String id) {
        return new JsonPath(given().get("/cameras").then().statusCode(200).extract().asString())
                .setRootPath("find { it.id == '" + id + "' }");
    }
}
