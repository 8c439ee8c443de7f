package dev.camstream.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Two producer instances share the cameras of the registry (added, changed and removed through the API)
 * and the survivor of a SIGKILL takes the other's cameras over. run.sh's own producer keeps to a registry and
 * group of its own here, so the two instances are the only ones sharing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProducersIT {

    private static final String PASSWORD = "e2e-api-S3cret";
    private static final String CAMERA_PASSWORD = "Cam-Pl4in-Secret";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Path workDir;
    private LocalPipeline pipeline;
    private ProducerInstance first;
    private ProducerInstance second;

    @BeforeAll
    void start() throws IOException {
        workDir = Files.createDirectories(Path.of("target", "producers-" + System.currentTimeMillis())).toAbsolutePath();
        pipeline = new LocalPipeline(workDir.resolve("data"), Map.of("CAMSTREAM_REGISTRY_TOPIC", "runner-cameras",
                "CAMSTREAM_REGISTRY_STATUS_TOPIC", "runner-cameras.status",
                "CAMSTREAM_PRODUCER_GROUP", "runner-producers"), "runner=testsrc?size=160x120&rate=5");
        first = new ProducerInstance("producer-1", pipeline.bootstrapServers(), PASSWORD, workDir.resolve("instances"));
        second = new ProducerInstance("producer-2", pipeline.bootstrapServers(), PASSWORD, workDir.resolve("instances"));
        first.awaitReady();
        second.awaitReady();
    }

    @AfterAll
    void stop() {
        ManagedProcess.closeAll(first, second, pipeline);
    }

    @Test
    void camerasAddedThroughTheApiStreamWithinTenSeconds() {
        List<String> cameras = List.of("shared-a", "shared-b", "shared-c", "shared-d");
        Instant added = Instant.now();
        add(first, cameras, "testsrc?size=160x120&rate=10");
        for (String id : cameras) {
            await().atMost(Duration.ofSeconds(10)).until(() -> capturedSince(id, added));
        }
        // Both instances list every camera, with who grabs it (states travel every 2 s); both grab some.
        await().atMost(WAIT).until(() -> grabbers(second, cameras).size() == cameras.size()
                && grabbers(first, cameras).equals(grabbers(second, cameras)));
        assertThat(grabbers(first, cameras).values()).contains(first.name, second.name);
    }

    @Test
    void changingOneCameraRestartsOnlyThatCamera() {
        List<String> cameras = List.of("change-a", "change-b", "change-c");
        add(second, cameras, "testsrc?size=160x120&rate=10");
        // Well past 4 s of frames at 10 fps, so that a camera that starts again cannot catch up before we look.
        await().atMost(WAIT).until(() -> framesSent(cameras).values().stream().allMatch(sent -> sent > 60));
        Map<String, Long> sentBefore = framesSent(cameras);
        String changed = cameras.get(0);
        admin(second).body("{\"url\":\"testsrc?size=320x240&rate=10\"}").put("/cameras/" + changed).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> camera(first, changed).getInt("width") == 320);
        assertThat(framesSent(cameras).get(changed)).as("the changed camera started again")
                .isLessThan(sentBefore.get(changed));
        // The others' counters go on from where they were (states of other instances arrive every 2 s).
        for (String id : cameras.subList(1, cameras.size())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> framesSent(cameras).get(id) > sentBefore.get(id));
        }
    }

    @Test
    void aRemovedCameraStopsWithinFiveSeconds() {
        String removed = "removed-a";
        Instant added = Instant.now();
        add(first, List.of(removed), "testsrc?size=160x120&rate=10");
        await().atMost(WAIT).until(() -> capturedSince(removed, added));
        admin(first).delete("/cameras/" + removed).then().statusCode(204);
        Instant deleted = Instant.now();
        await().atMost(WAIT).until(() -> given().get(second.url() + "/cameras/" + removed).statusCode() == 404);
        // Its frames have stopped once its latest capture time stays the same for three seconds (at 10 fps).
        AtomicReference<Instant> latest = new AtomicReference<>();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15)).until(() -> {
            Instant capturedAt = Instant.parse(pipeline.consumerStats(removed).getString("capturedAt"));
            return capturedAt.equals(latest.getAndSet(capturedAt));
        });
        Instant last = latest.get();
        assertThat(last).as("last frame of the removed camera").isBefore(deleted.plusSeconds(5));
    }

    @Test
    void theSurvivorOfASigkillTakesTheCamerasOverWithoutCountingLostFrames() {
        List<String> cameras = List.of("moved-a", "moved-b");
        Instant added = Instant.now();
        add(first, cameras, "testsrc?size=160x120&rate=10");
        await().atMost(WAIT).until(() -> grabbers(second, cameras).size() == cameras.size()
                && cameras.stream().allMatch(id -> capturedSince(id, added)));
        // Whichever instance grabs a camera is killed; the other survives.
        Map.Entry<String, String> victim = grabbers(second, cameras).entrySet().iterator().next();
        String moved = victim.getKey();
        ProducerInstance killed = victim.getValue().equals(first.name) ? first : second;
        ProducerInstance survivor = killed == first ? second : first;
        long droppedBefore = consumerDropped(moved);
        killed.kill();
        long killedNanos = System.nanoTime();
        Instant killedAt = Instant.now();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> capturedSince(moved, killedAt));
        double seconds = (System.nanoTime() - killedNanos) / 1e9;
        System.out.printf("producer failover: %s streaming from the survivor %.1f s after SIGKILL%n", moved, seconds);
        assertThat(camera(survivor, moved).getString("instance")).isEqualTo(survivor.name);
        assertThat(consumerDropped(moved)).as("frames counted lost for the move").isEqualTo(droppedBefore);
        // After the rebalance, one instance grabs each camera: its records' sequence numbers simply go up.
        List<Long> sequence = sequenceOf(moved, 20);
        for (int i = 1; i < sequence.size(); i++) {
            assertThat(sequence.get(i)).as("frame-seq after %d", sequence.get(i - 1)).isEqualTo(sequence.get(i - 1) + 1);
        }

        // Two instances again for whichever test comes next.
        ProducerInstance restarted = new ProducerInstance(killed.name + "-restarted", pipeline.bootstrapServers(),
                PASSWORD, workDir.resolve("instances"));
        if (killed == first) {
            first = restarted;
        } else {
            second = restarted;
        }
        restarted.awaitReady();
    }

    @Test
    void aCameraPasswordAppearsInNoAnswerLogOrMetric() throws IOException {
        String encoded = "Enc%40Cam-S3cret";
        admin(first).body("{\"url\":\"rtsp://admin:" + CAMERA_PASSWORD + "@127.0.0.1:9/a\",\"timeout\":\"2s\"}")
                .put("/cameras/locked-a").then().statusCode(200);
        admin(second).body("{\"url\":\"rtsp://admin:" + encoded + "@127.0.0.1:9/b\",\"timeout\":\"2s\"}")
                .put("/cameras/locked-b").then().statusCode(200);
        await().atMost(WAIT).until(() -> "failed".equals(camera(first, "locked-a").getString("state"))
                && "failed".equals(camera(first, "locked-b").getString("state")));
        List<String> texts = new ArrayList<>();
        for (ProducerInstance instance : List.of(first, second)) {
            texts.addAll(List.of(given().get(instance.url() + "/cameras").asString(),
                    given().accept("text/plain").get(instance.url() + "/cameras").asString(),
                    given().get(instance.url() + "/q/metrics").asString(), given().get(instance.url() + "/q/health").asString(),
                    Files.readString(instance.log(), StandardCharsets.ISO_8859_1)));
        }
        texts.add(given().get(pipeline.consumerUrl() + "/cameras").asString());
        texts.add(given().get(pipeline.consumerUrl() + "/q/metrics").asString());
        try (var logs = Files.walk(pipeline.dataDir.resolve("logs"))) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                texts.add(Files.readString(log, StandardCharsets.ISO_8859_1));
            }
        }
        for (String text : texts) {
            assertThat(text).doesNotContain(CAMERA_PASSWORD).doesNotContain(encoded).doesNotContain("Enc@Cam-S3cret");
        }
    }

    private static void add(ProducerInstance instance, List<String> cameras, String url) {
        for (String id : cameras) {
            admin(instance).body("{\"url\":\"" + url + "\"}").put("/cameras/" + id).then().statusCode(200);
        }
    }

    private boolean capturedSince(String camera, Instant since) {
        JsonPath stats = pipeline.consumerStats(camera);
        return stats != null && Instant.parse(stats.getString("capturedAt")).isAfter(since);
    }

    private long consumerDropped(String camera) {
        return given().get(pipeline.consumerUrl() + "/cameras").jsonPath()
                .getLong("find { it.id == '" + camera + "' }.dropped");
    }

    /** Which instance grabs each of {@code ids}, as an instance says. */
    private static Map<String, String> grabbers(ProducerInstance instance, List<String> ids) {
        Map<String, String> grabbers = new HashMap<>();
        JsonPath cameras = given().get(instance.url() + "/cameras").jsonPath();
        for (String id : ids) {
            String grabber = cameras.getString("find { it.id == '" + id + "' }.instance");
            if (grabber != null) {
                grabbers.put(id, grabber);
            }
        }
        return grabbers;
    }

    private Map<String, Long> framesSent(List<String> ids) {
        Map<String, Long> sent = new HashMap<>();
        for (String id : ids) {
            sent.put(id, camera(first, id).getLong("framesSent"));
        }
        return sent;
    }

    private static JsonPath camera(ProducerInstance instance, String id) {
        return given().get(instance.url() + "/cameras/" + id).jsonPath();
    }

    private static RequestSpecification admin(ProducerInstance instance) {
        return given().baseUri(instance.url()).auth().preemptive().basic("admin", PASSWORD).contentType("application/json");
    }

    /** The frame-seq of the next {@code count} records of a camera on the frames topic. */
    private List<Long> sequenceOf(String camera, int count) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "sequence-" + System.nanoTime());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        List<Long> sequence = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("frames"));
            long deadline = System.currentTimeMillis() + 30_000;
            while (sequence.size() < count && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (camera.equals(record.key())) {
                        sequence.add(Long.parseLong(new String(record.headers().lastHeader("frame-seq").value(),
                                StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        assertThat(sequence).hasSizeGreaterThanOrEqualTo(count);
        return sequence;
    }
}
