package dev.camstream.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.imageio.ImageIO;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Cameras in passthrough, end to end: GStreamer RTSP cameras in H.264 (x264) and H.265 (x265) through the local
 * runner with {@code CAMSTREAM_ENCODING=passthrough}. Their records are wire format v2, the consumer decodes them
 * into statistics of the cameras' colours and serves JPEGs of their size; a consumer that starts mid-group serves
 * a camera without waiting for its next keyframe; a camera switched from JPEG to passthrough keeps working.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PassthroughIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    // A solid colour through x264/x265 at a low bitrate and back, in limited range and 4:2:0.
    private static final double TOLERANCE = 4.0;

    private Path workDir;
    private TestCamera cameras;
    private LocalPipeline pipeline;

    @BeforeAll
    void startPipeline() throws IOException {
        workDir = Files.createDirectories(Path.of("target", "passthrough-" + System.currentTimeMillis())).toAbsolutePath();
        cameras = TestCamera.start(workDir,
                "avc=00c040:1280x720:25:1000:h264", "hevc=2040ff:640x480:10:300:h265",
                // Keyframes 20 s apart: a consumer that waited for the next one would show nothing for seconds.
                "sparse=ff8000:320x240:10:200:h264:200", "switcher=c0c0c0:320x240:10:200");
        pipeline = new LocalPipeline(workDir.resolve("data"), Map.of("CAMSTREAM_ENCODING", "passthrough"),
                "avc=" + cameras.url("avc"), "hevc=" + cameras.url("hevc"), "sparse=" + cameras.url("sparse"));
    }

    @AfterAll
    void stopPipeline() {
        ManagedProcess.closeAll(pipeline, cameras);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "avc, h264, 1280, 720, 0, 192, 64", "hevc, h265, 640, 480, 32, 64, 255" })
    void aPassthroughCameraTravelsAsItsOwnVideoAndIsDecodedIntoItsColour(String camera, String codec, int width,
            int height, int r, int g, int b) throws IOException {
        await().atMost(WAIT).until(() -> pipeline.consumerStats(camera) != null);
        JsonPath stats = pipeline.consumerStats(camera);
        assertThat(stats.getDouble("mean.r")).as("%s mean red", camera).isCloseTo(r, within(TOLERANCE));
        assertThat(stats.getDouble("mean.g")).as("%s mean green", camera).isCloseTo(g, within(TOLERANCE));
        assertThat(stats.getDouble("mean.b")).as("%s mean blue", camera).isCloseTo(b, within(TOLERANCE));
        assertThat(stats.getInt("width")).isEqualTo(width);

        Response frame = given().get(pipeline.consumerUrl() + "/frames/latest?camera=" + camera);
        assertThat(frame.statusCode()).isEqualTo(200);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(frame.asByteArray()));
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);

        JsonPath producer = given().get(pipeline.producerUrl() + "/cameras").jsonPath()
                .setRootPath("find { it.id == '" + camera + "' }");
        assertThat(producer.getString("encoding.used")).isEqualTo("passthrough");
        assertThat(producer.getString("encoding.codec")).isEqualTo(codec);

        List<Map<String, String>> records = headersOf(camera);
        assertThat(records).isNotEmpty().allSatisfy(headers -> {
            assertThat(headers).containsEntry("format-version", "2").containsEntry("codec", codec)
                    .containsEntry("content-type", "video/" + codec);
        });
        Map<String, String> first = records.get(0);
        assertThat(first).as("a camera's stream starts at a keyframe").containsEntry("keyframe", "true")
                .containsKey("codec-parameters");
        assertThat(records).anySatisfy(headers -> assertThat(headers).containsEntry("keyframe", "false"));
        assertThat(given().get(pipeline.consumerUrl() + "/cameras").jsonPath()
                .getLong("find { it.id == '" + camera + "' }.rejected")).isZero();
    }

    @Test
    void aConsumerThatStartsMidGroupServesTheCameraWithoutWaitingForItsNextKeyframe() {
        await().atMost(WAIT).until(() -> pipeline.consumerStats("sparse") != null);
        try (ConsumerInstance late = new ConsumerInstance("late-consumer", "late-joiners", pipeline.bootstrapServers(),
                workDir)) {
            late.awaitReady();
            Instant ready = Instant.now();
            await().atMost(Duration.ofSeconds(30)).until(() -> given().get(late.url() + "/stats/latest?camera=sparse")
                    .statusCode() == 200);
            Duration waited = Duration.between(ready, Instant.now());
            JsonPath first = given().get(late.url() + "/stats/latest?camera=sparse").jsonPath();
            assertThat(first.getString("processedBy.group")).isEqualTo("late-joiners");
            Instant captured = Instant.parse(first.getString("capturedAt"));
            // Keyframes come every 20 s; the late consumer decodes from the last one, read back from the topic.
            assertThat(waited).as("first frame after the consumer is ready").isLessThan(Duration.ofSeconds(5));
            Map<String, String> unit = headersOf("sparse").stream()
                    .filter(headers -> headers.get("frame-seq").equals(Long.toString(first.getLong("seq"))))
                    .reduce((earlier, later) -> later).orElseThrow();
            if ("true".equals(unit.get("keyframe"))) {
                // Only if a keyframe happened to come just as the consumer started.
                assertThat(captured).isAfter(ready.minusSeconds(1));
            }
            assertThat(given().get(late.url() + "/frames/latest?camera=sparse").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aCameraSwitchedFromJpegToPassthroughKeepsWorking() {
        String url = cameras.url("switcher");
        given().contentType("application/json").body("{\"url\":\"" + url + "\",\"encoding\":\"jpeg\"}")
                .put(pipeline.producerUrl() + "/cameras/switcher").then().statusCode(200);
        await().atMost(WAIT).until(() -> pipeline.consumerStats("switcher") != null);
        assertThat(headersOf("switcher")).allSatisfy(headers -> assertThat(headers).containsEntry("format-version", "1"));

        given().contentType("application/json").body("{\"url\":\"" + url + "\",\"encoding\":\"passthrough\"}")
                .put(pipeline.producerUrl() + "/cameras/switcher").then().statusCode(200);
        await().atMost(WAIT).until(() -> headersOf("switcher").stream()
                .anyMatch(headers -> "2".equals(headers.get("format-version"))));
        Instant switched = Instant.now();
        await().atMost(WAIT).until(() -> Instant.parse(pipeline.consumerStats("switcher").getString("capturedAt"))
                .isAfter(switched));
        JsonPath stats = pipeline.consumerStats("switcher");
        assertThat(stats.getDouble("mean.g")).isCloseTo(192, within(TOLERANCE));
        assertThat(given().get(pipeline.consumerUrl() + "/cameras").jsonPath()
                .getLong("find { it.id == 'switcher' }.rejected")).isZero();
    }

    @Test
    void thePythonReaderOfTheWireFormatPageDecodesBothCameras() throws IOException {
        Project.require(pythonImports("av", "kafka", "numpy"),
                "PyAV and kafka-python for /usr/bin/python3 (Debian's python3-av and python3-kafka)");
        String page = Files.readString(Project.path("docs/frame-format.md"));
        int section = page.indexOf("### Reading v2 from Python");
        int start = page.indexOf("```python\n", section) + "```python\n".length();
        String reader = page.substring(start, page.indexOf("```", start))
                .replace("127.0.0.1:9092", pipeline.bootstrapServers());
        try (ManagedProcess python = ManagedProcess.start("v2-reader.py", List.of("/usr/bin/python3", "-u", "-c", reader),
                Map.of(), workDir.resolve("v2-reader.log"))) {
            // One line per decoded picture: camera, frame-seq, and the picture's shape (height, width, channels).
            python.awaitUntil("pictures of both cameras", Duration.ofSeconds(60),
                    () -> python.output().contains("(720, 1280, 3)") && python.output().contains("(480, 640, 3)"));
        }
    }

    private static boolean pythonImports(String... modules) {
        try {
            Process check = new ProcessBuilder("/usr/bin/python3", "-c", "import " + String.join(", ", modules))
                    .redirectErrorStream(true).start();
            return check.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The headers of every record of the camera in the frames topic so far, in order. */
    private List<Map<String, String>> headersOf(String camera) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers());
        List<Map<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("frames").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (camera.equals(record.key())) {
                        Map<String, String> headers = new HashMap<>();
                        for (Header header : record.headers()) {
                            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                        }
                        found.add(headers);
                    }
                }
            }
        }
        return found;
    }
}
