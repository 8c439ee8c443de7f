package dev.camstream.consumer.kafka;

import static dev.camstream.consumer.TestFrames.frame;
import static dev.camstream.consumer.TestFrames.nowMicros;
import static dev.camstream.consumer.TestFrames.record;
import static dev.camstream.consumer.TestFrames.solidJpeg;
import static dev.camstream.consumer.TestFrames.v1Headers;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Year;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.camstream.consumer.TestFrames;
import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.Rejections;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;

/** A flood of junk records leaves no lasting damage: no camera slots, no metric series, no stuck clock. */
@QuarkusTest
@TestProfile(JunkRecordsProfile.class)
class JunkRecordsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int JUNK = 3_000;
    private static final Pattern CAMERA_TAG = Pattern.compile("camera=\"([^\"]*)\"");

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
    void junkWithDistinctKeysTakesNoSlotAndNoMetricSeries() {
        long rejectedBefore = rejectedTotal();
        byte[] good = solidJpeg(64, 48, 10, 20, 30);
        byte[] truncated = Arrays.copyOf(good, good.length / 3);
        for (int i = 0; i < JUNK; i++) {
            String key = "junk-" + i;
            byte[] value = i % 2 == 0 ? "not a jpeg".getBytes() : truncated;
            frames.send(record(key, v1Headers(key, 1, nowMicros(), 64, 48), value, i));
        }
        // Every junk record is counted, under its reason or as too-many-cameras while slots are taken.
        await().atMost(WAIT).until(() -> rejectedTotal() - rejectedBefore >= JUNK);
        assertThat(rejectedTotal() - rejectedBefore).isEqualTo(JUNK);
        awaitProcessed("door");

        assertThat(cameraIds()).noneMatch(id -> id.startsWith("junk-"));
        String metrics = metrics();
        assertThat(metrics).doesNotContain("junk-");
        assertThat(cameraTags(metrics)).isSubsetOf(cameraIds());
    }

    @Test
    void captureTimeFarInTheFutureIsABadHeader() {
        long before = rejections.count(RejectReason.BAD_HEADER);
        long nextYear = nowMicros() + Duration.ofDays(365).toNanos() / 1_000;
        frames.send(record("future", v1Headers("future", 1, nextYear, 64, 48), solidJpeg(64, 48, 1, 2, 3), 1));
        awaitProcessed("future");

        assertThat(rejections.count(RejectReason.BAD_HEADER) - before).isEqualTo(1);
        assertThat(given().get("/stats/latest?camera=future").jsonPath().getString("capturedAt"))
                .doesNotStartWith(String.valueOf(Year.now().getValue() + 1));
    }

    @Test
    void floodOfValidIdsGivesItsSlotsUpOnceIdleSoARealCameraGetsOne() {
        for (int i = 0; i < JunkRecordsProfile.MAX_CAMERAS * 3; i++) {
            frames.send(frame("flood-" + i, 1, 32, 24, 0, 0, 0));
        }
        await().atMost(WAIT).until(() -> rejections.count(RejectReason.TOO_MANY_CAMERAS) > 0);
        long refusedBefore = rejections.count(RejectReason.TOO_MANY_CAMERAS);
        frames.send(frame("gate", 1, 64, 48, 10, 20, 30));
        await().atMost(WAIT).until(() -> rejections.count(RejectReason.TOO_MANY_CAMERAS) > refusedBefore);

        // Once the flood's cameras are idle past camera-expiry, the real camera takes a slot.
        awaitProcessed("gate");
        List<String> ids = cameraIds();
        assertThat(ids).hasSizeLessThanOrEqualTo(JunkRecordsProfile.MAX_CAMERAS).contains("gate");
        assertThat(ids.stream().filter(id -> id.startsWith("flood-"))).hasSizeLessThan(JunkRecordsProfile.MAX_CAMERAS);
        // Every series of a camera that gave its slot up went with it.
        assertThat(cameraTags(metrics())).isSubsetOf(cameraIds());
    }

    /** Sends frames of the camera until one is processed: while all slots are taken, they are refused. */
    private void awaitProcessed(String camera) {
        AtomicLong seq = new AtomicLong(100);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            frames.send(frame(camera, seq.incrementAndGet(), 64, 48, 10, 20, 30));
            return given().get("/stats/latest?camera=" + camera).statusCode() == 200;
        });
    }

    private static List<String> cameraIds() {
        return given().get("/cameras").jsonPath().getList("id", String.class);
    }

    /** Every value of a camera tag in the scrape. */
    private static Set<String> cameraTags(String metrics) {
        Set<String> tags = new HashSet<>();
        Matcher matcher = CAMERA_TAG.matcher(metrics);
        while (matcher.find()) {
            tags.add(matcher.group(1));
        }
        return tags;
    }

    private long rejectedTotal() {
        return rejections.byReason().values().stream().mapToLong(Long::longValue).sum();
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
