package dev.camstream.producer.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;

@QuarkusTest
@TestProfile(CameraPipelineProfile.class)
class CameraPipelineTest {

    private static final List<String> V1_HEADERS = List.of("content-type", "camera-id", "frame-seq",
            "capture-time-us", "width", "height", "format-version");

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    private InMemorySink<byte[]> frames;

    @BeforeEach
    void clearSink() {
        frames = connector.sink(Channels.FRAMES);
        frames.clear();
    }

    @Test
    void testPatternFramesFollowWireFormatV1() throws IOException {
        await().atMost(Duration.ofSeconds(20)).until(() -> ofCamera("pattern").size() >= 20);

        long previousSeq = 0;
        for (Message<byte[]> message : ofCamera("pattern")) {
            Map<String, String> headers = headers(message);
            OutgoingKafkaRecordMetadata<?> metadata = metadata(message);
            assertThat(headers.keySet()).containsExactlyInAnyOrderElementsOf(V1_HEADERS);
            assertThat(headers).containsEntry("content-type", "image/jpeg").containsEntry("camera-id", "pattern")
                    .containsEntry("format-version", "1").containsEntry("width", "320").containsEntry("height", "240");
            assertThat(metadata.getKey()).isEqualTo("pattern");

            long seq = Long.parseLong(headers.get("frame-seq"));
            assertThat(seq).isGreaterThan(previousSeq);
            previousSeq = seq;

            long captureMicros = Long.parseLong(headers.get("capture-time-us"));
            assertThat(metadata.getTimestamp()).isEqualTo(Instant.ofEpochMilli(captureMicros / 1000));

            BufferedImage image = ImageIO.read(new ByteArrayInputStream(message.getPayload()));
            assertThat(image).as("frame %d decodes as JPEG", seq).isNotNull();
            assertThat(image.getWidth()).isEqualTo(320);
            assertThat(image.getHeight()).isEqualTo(240);
        }
    }

    @Test
    void maxWidthDownscalesKeepingAspectAndMaxFpsLimitsRate() throws IOException {
        await().atMost(Duration.ofSeconds(20)).until(() -> ofCamera("small").size() >= 3);
        Message<byte[]> first = ofCamera("small").get(0);
        assertThat(headers(first)).containsEntry("width", "160").containsEntry("height", "120");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(first.getPayload()));
        assertThat(image.getWidth()).isEqualTo(160);
        assertThat(image.getHeight()).isEqualTo(120);

        frames.clear();
        sleep(Duration.ofSeconds(2));
        // 5 fps for 2 s of a 25 fps source; the limiter never lets more than 11 through.
        assertThat(ofCamera("small").size()).isBetween(7, 11);
        assertThat(camera("small").getLong("rateLimited")).isPositive();
    }

    @Test
    void videoFileLoopsAtItsOwnFrameRate() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ofCamera("clip").stream().anyMatch(m -> seq(m) > CameraPipelineProfile.CLIP_FRAMES));
        frames.clear();
        sleep(Duration.ofSeconds(2));
        // A 10 fps clip played for 2 s: about 20 frames, not the thousands FFmpeg could read in that time.
        assertThat(ofCamera("clip").size()).isBetween(12, 26);
    }

    @Test
    void unreachableCameraKeepsReconnectingWhileOthersStream() {
        await().atMost(Duration.ofSeconds(20)).until(() -> camera("down").getLong("reconnects") >= 3);
        long sentBefore = camera("pattern").getLong("framesSent");
        long reconnectsBefore = camera("down").getLong("reconnects");

        await().atMost(Duration.ofSeconds(10)).until(() -> camera("down").getLong("reconnects") > reconnectsBefore
                && camera("pattern").getLong("framesSent") > sentBefore + 10);

        JsonPath down = camera("down");
        assertThat(down.getString("state")).isEqualTo("failed");
        assertThat(down.getString("source")).isEqualTo("rtsp");
        assertThat(down.getString("url")).startsWith("rtsp://admin:***@127.0.0.1:").endsWith("/live");
        assertThat(down.getString("lastError")).isNotBlank();
        assertThat(camera("pattern").getString("state")).isEqualTo("streaming");
    }

    @Test
    void camerasShowTheirSizeAndColourDescription() {
        await().atMost(Duration.ofSeconds(20)).until(() -> camera("pattern").getLong("framesSent") > 0
                && camera("clip").getLong("framesSent") > 0);

        JsonPath pattern = camera("pattern");
        assertThat(pattern.getInt("width")).isEqualTo(320);
        assertThat(pattern.getInt("height")).isEqualTo(240);
        assertThat(pattern.getString("colour.matrix")).isEqualTo("rgb");
        // The clip is MPEG-4 in YUV, 120 lines, with no colour description: read as BT.601, limited range.
        JsonPath clip = camera("clip");
        assertThat(clip.getString("colour.matrix")).isEqualTo("bt601");
        assertThat(clip.getString("colour.range")).isEqualTo("tv");
    }

    @Test
    void camerasAsOneLineEachForATerminal() {
        await().atMost(Duration.ofSeconds(20)).until(() -> lines().contains(" fps")
                && camera("down").getLong("reconnects") >= 1);

        assertThat(lines()).containsPattern("(?m)^pattern +streaming 320x240 [0-9]+\\.[0-9] fps$")
                .containsPattern("(?m)^down +failed: .+$")
                .doesNotContain(CameraPipelineProfile.SECRET);
        // JSON stays what a client that asks for anything gets.
        given().accept("*/*").get("/cameras").then().statusCode(200).contentType("application/json");
        given().get("/cameras").then().statusCode(200).contentType("application/json");
    }

    private static String lines() {
        return given().accept("text/plain").get("/cameras").then().statusCode(200).extract().asString();
    }

    @Test
    void passwordAppearsNowhere() throws IOException {
        await().atMost(Duration.ofSeconds(20)).until(() -> camera("down").getLong("reconnects") >= 2);

        String cameras = given().get("/cameras").then().statusCode(200).extract().asString();
        String ready = given().get("/q/health/ready").then().extract().asString();
        String log = Files.readString(CameraPipelineProfile.LOG_FILE, StandardCharsets.UTF_8);

        assertThat(cameras).contains("admin:***@").doesNotContain(CameraPipelineProfile.SECRET);
        assertThat(ready).contains("\"down\"").doesNotContain(CameraPipelineProfile.SECRET);
        assertThat(log).contains("down: ").doesNotContain(CameraPipelineProfile.SECRET);
    }

    @Test
    void healthReportsEachCameraState() {
        await().atMost(Duration.ofSeconds(20)).until(() -> "streaming".equals(camera("pattern").getString("state")));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'cameras' }.data.pattern", org.hamcrest.Matchers.equalTo("streaming"))
                .body("checks.find { it.name == 'cameras' }.data.keySet()", hasItems("pattern", "small", "clip", "down"));
    }

    @Test
    void prometheusMetricsCountPerCameraTaggedByIdOnly() {
        await().atMost(Duration.ofSeconds(20)).until(() -> camera("down").getLong("reconnects") >= 2
                && camera("small").getLong("rateLimited") > 0);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(value(metrics, "camstream_producer_frames_sent_total{camera=\"pattern\"}")).isPositive();
        assertThat(value(metrics, "camstream_producer_frames_grabbed_total{camera=\"pattern\"}")).isPositive();
        assertThat(value(metrics, "camstream_producer_bytes_sent_total{camera=\"pattern\"}")).isPositive();
        assertThat(value(metrics, "camstream_producer_frames_dropped_total{camera=\"small\",reason=\"rate-limit\"}"))
                .isPositive();
        assertThat(value(metrics, "camstream_producer_frames_dropped_total{camera=\"pattern\",reason=\"rate-limit\"}"))
                .isZero();
        assertThat(value(metrics, "camstream_producer_reconnects_total{camera=\"down\"}")).isGreaterThanOrEqualTo(2);
        assertThat(value(metrics, "camstream_producer_camera_state{camera=\"pattern\",state=\"streaming\"}")).isEqualTo(1);
        assertThat(value(metrics, "camstream_producer_camera_state{camera=\"down\",state=\"streaming\"}")).isZero();
        assertThat(value(metrics, "camstream_producer_encode_seconds_count{camera=\"pattern\"}")).isPositive();
        assertThat(metrics).contains("camstream_producer_grab_seconds_bucket{camera=\"pattern\"")
                .contains("camstream_producer_last_frame_age_seconds{camera=\"pattern\"}")
                .doesNotContain(CameraPipelineProfile.SECRET).doesNotContain("rtsp://");
    }

    private static double value(String metrics, String series) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        assertThat(matcher.find()).as("series %s in the scrape", series).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private List<Message<byte[]>> ofCamera(String id) {
        return frames.received().stream().filter(m -> id.equals(metadata(m).getKey()))
                .<Message<byte[]>>map(m -> m).toList();
    }

    private static JsonPath camera(String id) {
        return new JsonPath(given().get("/cameras").then().statusCode(200).extract().asString())
                .setRootPath("find { it.id == '" + id + "' }");
    }

    private static OutgoingKafkaRecordMetadata<?> metadata(Message<byte[]> message) {
        return message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
    }

    private static Map<String, String> headers(Message<byte[]> message) {
        Map<String, String> headers = new HashMap<>();
        metadata(message).getHeaders()
                .forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return headers;
    }

    private static long seq(Message<byte[]> message) {
        return Long.parseLong(headers(message).get("frame-seq"));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
