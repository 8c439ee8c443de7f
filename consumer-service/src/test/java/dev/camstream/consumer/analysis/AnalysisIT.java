package dev.camstream.consumer.analysis;

import static dev.camstream.consumer.TestFrames.jpeg;
import static dev.camstream.consumer.TestFrames.v1Headers;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.camstream.consumer.detect.TestPictures;
import dev.camstream.consumer.kafka.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Analysis end to end on a real broker: camera definitions in the registry topic, frames of OpenCV's
 * pedestrian video on the frames topic (capture times 100 ms apart, as the video's 10 fps), results read
 * back from the detections topic through {@code /detections/*}.
 */
@QuarkusTest
@TestProfile(AnalysisProfile.class)
@WithTestResource(KafkaBrokerResource.class)
class AnalysisIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int WIDTH = 768;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    RegistryFollower registry;

    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void disconnect() {
        producer.close();
    }

    @Test
    void peopleAreFoundWhereTheyWalkNamedWithTheirZoneAndNeverInsideTheMask() throws Exception {
        define("square", "{\"detectors\":[\"people\"],\"zones\":{\"left\":[[0,0],[0.5,0],[0.5,1],[0,1]]},"
                + "\"masks\":[[[0.75,0],[1,0],[1,1],[0.75,1]]]}");
        Instant start = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        sendVideo("square", start, 0, 120);

        await().atMost(WAIT).until(() -> detections("square", start).getList("records").size() >= 5);
        JsonPath range = detections("square", start);
        List<Map<String, Object>> objects = range.getList("records.objects.flatten()");
        assertThat(range.getList("records.detector", String.class)).containsOnly("people");
        assertThat(objects).as("people found in the square").hasSizeGreaterThanOrEqualTo(5);
        for (Map<String, Object> object : objects) {
            assertThat(object.get("label")).isEqualTo("person");
            @SuppressWarnings("unchecked")
            List<Integer> box = (List<Integer>) object.get("box");
            double footX = (box.get(0) + box.get(2)) / 2.0;
            assertThat(footX).as("nobody found inside the mask").isLessThan(0.75 * WIDTH);
            assertThat((List<?>) object.get("zones")).as("zone of someone standing at x=" + footX)
                    .isEqualTo(footX < 0.5 * WIDTH ? List.of("left") : List.of());
        }
        assertThat(objects).anySatisfy(object -> assertThat(object.get("zones")).isEqualTo(List.of("left")));
        assertThat(objects).anySatisfy(object -> assertThat(object.get("zones")).isEqualTo(List.of()));

        // A frame read back from the log is drawn with what was known of its objects then: the boxes' green.
        String seen = range.getString("records.find { it.objects.size() > 0 }.capturedAt");
        byte[] picture = given().queryParam("camera", "square").queryParam("time", seen).get("/frames/at")
                .then().statusCode(200).extract().asByteArray();
        assertThat(boxPixels(picture)).as("box pixels on the frame of " + seen).isGreaterThan(200);

        given().get("/detections/latest?camera=square").then().statusCode(200)
                .body("camera", org.hamcrest.Matchers.equalTo("square"))
                .body("ageMs", org.hamcrest.Matchers.greaterThan(60_000));
    }

    @Test
    void aStillSceneIsStillAnalysedAtTheIdleInterval() throws Exception {
        define("still", "{\"detectors\":[\"people\"],\"fps\":5}");
        Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        List<Mat> frame = TestPictures.frames(TestPictures.require(TestPictures.PEDESTRIANS, "Debian opencv-doc"), 10, 1, 1);
        byte[] still = jpeg(frame.get(0));
        frame.get(0).close();
        // Ten seconds of one unchanging picture at 10 fps: no motion, so only the idle interval (3 s) analyses it.
        for (int i = 0; i < 100; i++) {
            send("still", i + 1, start.plusMillis(100L * i), still);
        }
        producer.flush();

        await().atMost(WAIT).until(() -> given().get("/cameras").jsonPath()
                .getInt("find { it.id == 'still' }.frames") == 100);
        await().atMost(WAIT).until(() -> detections("still", start).getList("records").size() >= 4);
        List<Long> seqs = detections("still", start).getList("records.seq", Long.class);
        // At capture times 0 s (the first frame), 3 s, 6 s and 9 s: frames 1, 31, 61, 91.
        assertThat(seqs).containsExactly(1L, 31L, 61L, 91L);
    }

    @Test
    void aFrameWithNobodyInItStillGetsItsRecordWithNoObjects() throws Exception {
        define("empty", "{\"detectors\":[\"people\"]}");
        Instant start = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
        try (Scalar colour = new Scalar(128, 128, 128, 0); Mat grey = new Mat(576, WIDTH, CV_8UC3, colour)) {
            send("empty", 1, start, jpeg(grey));
        }
        producer.flush();

        await().atMost(WAIT).until(() -> detections("empty", start).getList("records").size() == 1);
        JsonPath range = detections("empty", start);
        assertThat(range.getLong("records[0].seq")).isEqualTo(1);
        assertThat(range.getList("records[0].objects")).as("analysed, and nothing there").isEmpty();
    }

    @Test
    void aCameraNamingADetectorThisConsumerLacksStreamsWithStatisticsAndSaysWhy() throws Exception {
        define("unequipped", "{\"detectors\":[\"people-v9\",\"broken\"]}");
        Instant start = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        sendVideo("unequipped", start, 0, 10);

        await().atMost(WAIT).until(() -> given().get("/cameras").jsonPath()
                .getInt("find { it.id == 'unequipped' }.frames") == 10);
        JsonPath camera = given().get("/cameras").jsonPath().setRootPath("find { it.id == 'unequipped' }");
        assertThat(camera.getList("analysis.detectors", String.class)).containsExactly("people-v9", "broken");
        assertThat(camera.getList("analysis.problems", String.class)).anySatisfy(problem ->
                assertThat(problem).contains("no detector 'people-v9'").contains("people"));
        assertThat(camera.getList("analysis.problems", String.class)).anySatisfy(problem ->
                assertThat(problem).contains("'broken' did not load").contains(AnalysisProfile.MISSING_MODEL));
        given().get("/detections/latest?camera=unequipped").then().statusCode(404).contentType("application/json");
    }

    @Test
    void thePythonReaderOfTheDetectionFormatPagePrintsThePeopleFound() throws Exception {
        TestPictures.require(Path.of("/usr/lib/python3/dist-packages/kafka"), "Debian python3-kafka");
        define("python", "{\"detectors\":[\"people\"]}");
        Instant start = Instant.now().minusSeconds(90).truncatedTo(ChronoUnit.MILLIS);
        sendVideo("python", start, 200, 30);
        await().atMost(WAIT).until(() -> detections("python", start).getList("records.objects.flatten()").size() >= 2);

        String page = Files.readString(docs().resolve("detection-format.md"));
        int begin = page.indexOf("```python\n", page.indexOf("## Reading it in Python")) + "```python\n".length();
        String reader = page.substring(begin, page.indexOf("```", begin));
        // kafka-python takes host:port, without the listener's PLAINTEXT:// the Java clients accept.
        String broker = bootstrapServers.replaceFirst("^[A-Za-z_]+://", "");
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", reader, broker, AnalysisProfile.DETECTIONS)
                .redirectErrorStream(true).start();
        try {
            // It stops by itself ten seconds after the last record (consumer_timeout_ms).
            assertThat(python.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(output.lines().filter(line -> line.startsWith("python ") && line.contains(" person ")))
                    .as("what the reader printed:\n" + output).hasSizeGreaterThanOrEqualTo(2);
        } finally {
            python.destroyForcibly();
        }
    }

    private static Path docs() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        return dir.resolve("docs");
    }

    @Test
    void detectionEndpointsRefuseBadParametersInJson() {
        given().get("/detections/latest").then().statusCode(400).contentType("application/json");
        given().get("/detections/latest?camera=bad!id").then().statusCode(400).contentType("application/json");
        given().get("/detections/range?camera=square&from=yesterday").then().statusCode(400).contentType("application/json");
    }

    /** Pixels in the green the boxes are drawn in, which the pedestrian video itself never shows. */
    private static int boxPixels(byte[] jpeg) {
        try (BytePointer bytes = new BytePointer(jpeg); Mat encoded = new Mat(1, jpeg.length, CV_8U, bytes);
                Mat image = imdecode(encoded, IMREAD_COLOR); UByteIndexer pixels = image.createIndexer()) {
            int green = 0;
            for (int y = 0; y < image.rows(); y++) {
                for (int x = 0; x < image.cols(); x++) {
                    if (pixels.get(y, x, 1) > 180 && pixels.get(y, x, 0) < 110 && pixels.get(y, x, 2) < 110) {
                        green++;
                    }
                }
            }
            return green;
        }
    }

    /** Writes a camera definition to the registry topic, as the producer does after checking it. */
    private void define(String camera, String analysis) throws Exception {
        String definition = "{\"url\":\"rtsp://user:secret@10.0.0.9/stream\",\"analysis\":" + analysis + "}";
        producer.send(new ProducerRecord<>(AnalysisProfile.REGISTRY, camera, definition.getBytes(StandardCharsets.UTF_8))).get();
        await().atMost(WAIT).until(() -> given().get("/q/health/ready").statusCode() == 200);
        // The registry is read in the background: wait until this consumer applies the camera's settings.
        await().atMost(WAIT).until(() -> registry.of(camera).settings().analysed());
    }

    private void sendVideo(String camera, Instant start, int first, int count) throws Exception {
        List<Mat> frames = TestPictures.frames(TestPictures.require(TestPictures.PEDESTRIANS, "Debian opencv-doc"), first, 1, count);
        try {
            for (int i = 0; i < frames.size(); i++) {
                send(camera, i + 1, start.plusMillis(100L * i), jpeg(frames.get(i)));
            }
            producer.flush();
        } finally {
            frames.forEach(Mat::close);
        }
    }

    private void send(String camera, long seq, Instant capturedAt, byte[] jpeg) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, capturedAt);
        producer.send(new ProducerRecord<>(AnalysisProfile.FRAMES, null, capturedAt.toEpochMilli(), camera, jpeg,
                v1Headers(camera, seq, micros, WIDTH, 576)));
    }

    private static JsonPath detections(String camera, Instant start) {
        return given().queryParam("camera", camera).queryParam("from", start.toString())
                .queryParam("to", start.plusSeconds(60).toString()).get("/detections/range").then().statusCode(200)
                .extract().jsonPath();
    }
}
