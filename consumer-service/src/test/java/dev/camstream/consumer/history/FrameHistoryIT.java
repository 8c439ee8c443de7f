package dev.camstream.consumer.history;

import static dev.camstream.consumer.TestFrames.solidJpeg;
import static dev.camstream.consumer.TestFrames.v1Headers;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.opencv_core.Mat;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.camstream.consumer.TestFrames;
import dev.camstream.consumer.kafka.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Frames and statistics looked up by time, from a real broker: two cameras whose frames, with known capture
 * times, interleave in one partition.
 */
@QuarkusTest
@TestProfile(FrameHistoryProfile.class)
@WithTestResource(KafkaBrokerResource.class)
class FrameHistoryIT {

    private static final int WIDTH = 160;
    private static final int HEIGHT = 120;
    private static final int FRAMES = 10;
    // Door frames every 200 ms from the base; yard frames 100 ms after each.
    private static final long GAP_MICROS = 200_000;
    // Sub-millisecond capture times: record timestamps drop them, lookups must not.
    private static final long BASE_MICROS = (System.currentTimeMillis() - 60_000) * 1000 + 500;
    private static final Map<String, List<byte[]>> SENT = new HashMap<>();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void sendFramesOnce() throws Exception {
        synchronized (SENT) {
            if (!SENT.isEmpty()) {
                return;
            }
            try (KafkaProducer<String, byte[]> producer = producer()) {
                for (int i = 0; i < FRAMES; i++) {
                    send(producer, "door", i + 1, captureMicros("door", i + 1), solidJpeg(WIDTH, HEIGHT, 20 * i, 100, 40));
                    send(producer, "yard", i + 1, captureMicros("yard", i + 1), solidJpeg(WIDTH, HEIGHT, 40, 200, 20 * i));
                }
                producer.flush();
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> seqOf("door") == FRAMES && seqOf("yard") == FRAMES);
    }

    @Test
    void aTimeBeforeTheFirstFrameIsNotFoundAndTheAnswerSaysWhatTheTopicHolds() {
        Response answer = given().get("/frames/at?camera=door&time=" + iso(captureMicros("door", 1) - 1));
        assertThat(answer.statusCode()).isEqualTo(404);
        JsonPath body = answer.jsonPath();
        assertThat(body.getString("error")).isEqualTo("outside-history");
        assertThat(Instant.parse(body.getString("oldest"))).isEqualTo(instant(captureMicros("door", 1)));
        assertThat(Instant.parse(body.getString("newest"))).isEqualTo(instant(captureMicros("door", FRAMES)));
    }

    @Test
    void aTimeBetweenTwoFramesGivesTheEarlierOneAndAFrameTimeGivesThatFrame() {
        assertFrameAt("door", iso(captureMicros("door", 3) + 150_000), 3);
        assertFrameAt("door", iso(captureMicros("door", 4)), 4);
        assertFrameAt("door", iso(captureMicros("door", 4) - 1), 3);
        assertFrameAt("door", Long.toString(captureMicros("door", 5) / 1000 + 1), 5); // epoch milliseconds
    }

    @Test
    void aTimeAfterTheLastFrameGivesItWhileTheCameraCouldStillBeLiveAndNotLater() {
        assertFrameAt("door", iso(captureMicros("door", FRAMES) + 5_000_000), FRAMES);
        Response later = given().get("/frames/at?camera=door&time=" + iso(captureMicros("door", FRAMES) + 30_000_000));
        assertThat(later.statusCode()).isEqualTo(404);
        assertThat(later.jsonPath().getString("newest")).isEqualTo(instant(captureMicros("door", FRAMES)).toString());
    }

    @Test
    void camerasSharingAPartitionNeverGetEachOthersFrames() {
        // Yard's frame at +100 ms lies between door's first two; door's at +200 ms between yard's.
        assertFrameAt("yard", iso(captureMicros("door", 2) + 50_000), 1);
        assertFrameAt("door", iso(captureMicros("yard", 2) + 50_000), 2);
        assertFrameAt("yard", iso(captureMicros("yard", FRAMES)), FRAMES);
    }

    @Test
    void aCameraThatStartedLaterInAPartitionIsFoundFromItsFirstFrame() {
        // Far more records of another camera before its first frame than one search step reads.
        long start = BASE_MICROS + 5_000_000;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < 300; i++) {
                send(producer, "filler", i + 1, start + i * 10_000L, solidJpeg(WIDTH, HEIGHT, 90, 90, 90));
            }
            for (int i = 0; i < 3; i++) {
                send(producer, "late", i + 1, start + 3_000_000 + i * GAP_MICROS, solidJpeg(WIDTH, HEIGHT, 200, 10, 10 * i));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> seqOf("late") == 3);
        JsonPath span = given().get("/frames/span?camera=late").then().statusCode(200).extract().jsonPath();
        assertThat(Instant.parse(span.getString("oldest"))).isEqualTo(instant(start + 3_000_000));
        assertThat(given().get("/frames/at?camera=late&time=" + iso(start + 3_000_000 - 1)).statusCode()).isEqualTo(404);
        assertFrameAt("late", iso(start + 3_000_000 + GAP_MICROS + 1), 2);
    }

    @Test
    void framesAreAnnotatedUnlessAskedNotTo() throws IOException {
        Response annotated = given().get("/frames/at?camera=door&time=" + iso(captureMicros("door", 2)));
        assertThat(annotated.statusCode()).isEqualTo(200);
        assertThat(annotated.contentType()).isEqualTo("image/jpeg");
        byte[] drawn = annotated.asByteArray();
        assertThat(drawn).isNotEqualTo(SENT.get("door").get(1));
        try (Mat image = org.bytedeco.opencv.global.opencv_imgcodecs.imdecode(new Mat(drawn),
                org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR)) {
            assertThat(image.cols()).isEqualTo(WIDTH);
            assertThat(image.rows()).isEqualTo(HEIGHT);
        }
    }

    @Test
    void theSpanIsTheOldestAndNewestCaptureTime() {
        JsonPath span = given().get("/frames/span?camera=yard").then().statusCode(200).extract().jsonPath();
        assertThat(Instant.parse(span.getString("oldest"))).isEqualTo(instant(captureMicros("yard", 1)));
        assertThat(Instant.parse(span.getString("newest"))).isEqualTo(instant(captureMicros("yard", FRAMES)));
    }

    @Test
    void aRangePlaysTheCamerasFramesInOrder() throws Exception {
        HttpResponse<InputStream> response = get("/frames/range?camera=door&speed=max&from=" + iso(captureMicros("door", 2))
                + "&to=" + iso(captureMicros("door", 6)));
        assertThat(response.statusCode()).isEqualTo(200);
        List<Map<String, String>> parts = new ArrayList<>();
        List<byte[]> jpegs = new ArrayList<>();
        try (InputStream in = response.body()) {
            for (Map<String, String> headers = partHeaders(in); headers != null; headers = partHeaders(in)) {
                parts.add(headers);
                jpegs.add(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            }
        }
        assertThat(parts).extracting(headers -> headers.get("x-frame-seq")).containsExactly("2", "3", "4", "5", "6");
        assertThat(parts).extracting(headers -> headers.get("x-camera-id")).containsOnly("door");
        assertThat(jpegs.get(0)).isEqualTo(SENT.get("door").get(1));
    }

    @Test
    void aRangeIsPacedAtCaptureTimesTimesSpeed() throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request("/frames/range?camera=door&speed=2&from="
                + iso(captureMicros("door", 1)) + "&to=" + iso(captureMicros("door", 5))), HttpResponse.BodyHandlers.ofByteArray());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(200);
        // Frames 1 to 5 span 800 ms of capture: 400 ms at twice the pace.
        assertThat(elapsedMs).isBetween(380L, 5_000L);
    }

    @Test
    void aClipIsAnMp4WithEveryFrameAtItsTime() throws Exception {
        Response clip = given().get("/clips?camera=door&from=" + iso(captureMicros("door", 1)) + "&to="
                + iso(captureMicros("door", FRAMES)));
        assertThat(clip.statusCode()).isEqualTo(200);
        assertThat(clip.contentType()).isEqualTo("video/mp4");
        assertThat(clip.header("Content-Disposition")).matches("attachment; filename=\"door-\\d{8}T\\d{6}Z-\\d{8}T\\d{6}Z\\.mp4\"");
        Path file = Files.createTempFile("clip", ".mp4");
        try {
            Files.write(file, clip.asByteArray());
            int frames = 0;
            long lastMicros = 0;
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
                grabber.start();
                assertThat(grabber.getVideoCodecName()).containsIgnoringCase("h264");
                assertThat(grabber.getImageWidth()).isEqualTo(WIDTH);
                for (Frame frame = grabber.grabImage(); frame != null; frame = grabber.grabImage()) {
                    frames++;
                    lastMicros = grabber.getTimestamp();
                }
            }
            assertThat(frames).isBetween(FRAMES - 1, FRAMES + 1);
            // The first frame at 0, the last 1.8 s of capture later.
            assertThat(lastMicros / 1000.0).isCloseTo((FRAMES - 1) * GAP_MICROS / 1000.0, within(GAP_MICROS / 1000.0));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void theStatisticsSeriesIsWhatWasPublished() {
        Map<Long, Double> published = publishedLuma("door");
        String range = "camera=door&from=" + iso(captureMicros("door", 1)) + "&to=" + iso(captureMicros("door", FRAMES));
        JsonPath series = given().get("/stats/range?" + range).then().statusCode(200).extract().jsonPath();
        assertThat(series.getList("points.seq", Long.class)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        List<Float> luma = series.getList("points.luma", Float.class);
        for (int i = 0; i < FRAMES; i++) {
            assertThat((double) luma.get(i)).isCloseTo(published.get(i + 1L), within(0.001));
        }
        assertThat(Instant.parse(series.getString("points[3].time"))).isEqualTo(instant(captureMicros("door", 4)));

        JsonPath steps = given().get("/stats/range?" + range + "&step=1s").then().statusCode(200).extract().jsonPath();
        assertThat(steps.getList("points.frames", Integer.class)).containsExactly(5, 5);

        String csv = given().accept("text/csv").get("/stats/range?" + range).then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\n");
        assertThat(lines[0]).isEqualTo("time,seq,frames,luma,motion,motion_max,r,g,b");
        assertThat(lines).hasSize(FRAMES + 1);
        assertThat(lines[1]).startsWith(instant(captureMicros("door", 1)) + ",1,1,");
    }

    @Test
    void badParametersGetA400WithAReason() {
        String from = iso(captureMicros("door", 1));
        String later = iso(captureMicros("door", 2));
        assertError("/frames/range?camera=door&from=" + later + "&to=" + from, 400, "invalid-range");
        assertError("/clips?camera=door&from=" + from + "&to=" + iso(captureMicros("door", 1) + 120_000_000), 400, "range-too-long");
        assertError("/frames/at?camera=door&time=yesterday", 400, "invalid-time");
        assertError("/frames/at?camera=door", 400, "invalid-time");
        assertError("/stats/range?camera=door&from=" + from + "&to=" + later + "&step=fast", 400, "invalid-step");
        assertError("/frames/range?camera=door&from=" + from + "&to=" + later + "&speed=1000", 400, "invalid-speed");
        assertError("/frames/at?camera=door&time=" + from + "&annotate=maybe", 400, "invalid-parameter");
        assertError("/stats/range?camera=door&from=" + from + "&to=" + later + "&format=xml", 400, "invalid-parameter");
        assertError("/stats/range?camera=door&from=" + from + "&to=" + iso(captureMicros("door", 1) + 90_000_000_000L),
                400, "range-too-long");
    }

    @Test
    void anUnknownCameraIsA404AndAMalformedIdA400OnEveryHistoryEndpoint() {
        String from = iso(captureMicros("door", 1));
        String later = iso(captureMicros("door", 2));
        for (String path : new String[] { "/frames/at?time=" + from, "/frames/span?", "/frames/range?from=" + from
                + "&to=" + later, "/stats/range?from=" + from + "&to=" + later, "/clips?from=" + from + "&to=" + later }) {
            String query = path.endsWith("?") ? "" : "&";
            assertError(path + query + "camera=garage", 404, "not-found");
            assertError(path + query + "camera=no%20such", 400, "invalid-camera");
        }
    }

    @Test
    void anExportBeyondTheLimitGetsA429() throws Exception {
        // Frames of noise encode slowly enough that the first export is still running when the second asks.
        sendNoise("busy", 200, 640, 480);
        long first = BASE_MICROS;
        String clip = "/clips?camera=busy&from=" + iso(first) + "&to=" + iso(first + 60_000_000);
        HttpResponse<InputStream> running = get(clip);
        try (InputStream body = running.body()) {
            assertThat(running.statusCode()).isEqualTo(200);
            assertError(clip, 429, "too-busy");
            body.transferTo(OutputStreamDiscard.INSTANCE);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get(clip).statusCode() == 200);
    }

    private void sendNoise(String camera, int frames, int width, int height) {
        Random random = new Random(1);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < frames; i++) {
                byte[] pixels = new byte[width * height * 3];
                random.nextBytes(pixels);
                byte[] jpeg;
                try (Mat image = new Mat(height, width, org.bytedeco.opencv.global.opencv_core.CV_8UC3)) {
                    image.data().put(pixels);
                    jpeg = TestFrames.jpeg(image);
                }
                long micros = BASE_MICROS + i * 100_000L;
                producer.send(new ProducerRecord<>(FrameHistoryProfile.TOPIC, 0, micros / 1000, camera, jpeg,
                        v1Headers(camera, i + 1, micros, width, height)));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> seqOf(camera) == frames);
    }

    private void assertFrameAt(String camera, String time, int seq) {
        Response answer = given().get("/frames/at?annotate=false&camera=" + camera + "&time=" + time);
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        assertThat(answer.header("X-Camera-Id")).isEqualTo(camera);
        assertThat(answer.header("X-Frame-Seq")).isEqualTo(Integer.toString(seq));
        assertThat(Instant.parse(answer.header("X-Capture-Time"))).isEqualTo(instant(captureMicros(camera, seq)));
        assertThat(answer.asByteArray()).isEqualTo(SENT.get(camera).get(seq - 1));
    }

    private static void assertError(String path, int status, String error) {
        Response answer = given().get(path);
        assertThat(answer.statusCode()).as(path + ": " + answer.asString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.jsonPath().getString("error")).isEqualTo(error);
        assertThat(answer.jsonPath().getString("message")).isNotBlank();
    }

    private static long captureMicros(String camera, int seq) {
        long start = switch (camera) {
            case "yard" -> BASE_MICROS + GAP_MICROS / 2;
            case "late" -> BASE_MICROS + 8_000_000;
            default -> BASE_MICROS;
        };
        return start + (seq - 1) * GAP_MICROS;
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static String iso(long micros) {
        return instant(micros).toString();
    }

    private static long seqOf(String camera) {
        Response latest = given().get("/stats/latest?camera=" + camera);
        return latest.statusCode() == 200 ? latest.jsonPath().getLong("seq") : -1;
    }

    private void send(KafkaProducer<String, byte[]> producer, String camera, int seq, long micros, byte[] jpeg) {
        SENT.computeIfAbsent(camera, c -> new ArrayList<>()).add(jpeg);
        // One partition for both cameras, stamped with capture time as the producer does.
        producer.send(new ProducerRecord<>(FrameHistoryProfile.TOPIC, 0, micros / 1000, camera, jpeg,
                v1Headers(camera, seq, micros, WIDTH, HEIGHT)));
    }

    private Map<Long, Double> publishedLuma(String camera) {
        Map<Long, Double> luma = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "stats-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("frames.stats"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (camera.equals(record.key())) {
                        JsonPath stats = new JsonPath(record.value());
                        luma.putIfAbsent(stats.getLong("seq"), stats.getDouble("luma"));
                    }
                });
                return luma.size() >= FRAMES;
            });
        }
        return luma;
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 10_485_760), new StringSerializer(), new ByteArraySerializer());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).build();
    }

    private HttpResponse<InputStream> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request(path), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The headers of the next MJPEG part, lower-cased; null at the end of the stream. */
    private static Map<String, String> partHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        String line;
        do {
            line = line(in);
            if (line == null) {
                return null;
            }
        } while (!line.startsWith("--"));
        while ((line = line(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(), line.substring(colon + 1).strip());
        }
        return headers;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    /** Reads a body to its end without keeping it. */
    private static final class OutputStreamDiscard extends java.io.OutputStream {
        static final OutputStreamDiscard INSTANCE = new OutputStreamDiscard();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
