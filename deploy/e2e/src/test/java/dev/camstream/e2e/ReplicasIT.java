package dev.camstream.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import javax.imageio.ImageIO;

import org.apache.kafka.common.utils.Utils;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Two consumer replicas in one group behind no load balancer: each answers for every camera of the group,
 * the ones the other processes included, and the survivor of a SIGKILL takes the other's cameras over
 * without ever answering 404 for them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicasIT {

    private static final String GROUP = "replicas";
    // run.sh's broker creates the frames topic with 6 partitions; the group's range assignment gives each
    // of two replicas one half of them.
    private static final int PARTITIONS = 6;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Map<String, int[]> COLOURS = Map.of("ff0000", new int[] { 255, 0, 0 },
            "00ff00", new int[] { 0, 255, 0 }, "0000ff", new int[] { 0, 0, 255 });

    private Path workDir;
    private TestCamera cameras;
    private LocalPipeline pipeline;
    private ConsumerInstance first;
    private ConsumerInstance second;
    // camera id → its colour as RRGGBB
    private final Map<String, String> colourOf = new LinkedHashMap<>();

    @BeforeAll
    void start() throws IOException {
        workDir = Files.createDirectories(Path.of("target", "replicas-" + System.currentTimeMillis())).toAbsolutePath();
        List<String> ids = idsOnPartitions(0, 2, 4);
        List<String> colours = List.of("ff0000", "00ff00", "0000ff");
        List<String> mounts = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            colourOf.put(ids.get(i), colours.get(i));
            mounts.add(ids.get(i) + "=" + colours.get(i) + ":320x240:10");
        }
        cameras = TestCamera.start(workDir, mounts.toArray(String[]::new));
        pipeline = new LocalPipeline(workDir.resolve("data"),
                ids.stream().map(id -> id + "=" + cameras.url(id)).toArray(String[]::new));
        first = new ConsumerInstance("replica-1", GROUP, pipeline.bootstrapServers(), workDir.resolve("replicas"));
        second = new ConsumerInstance("replica-2", GROUP, pipeline.bootstrapServers(), workDir.resolve("replicas"));
        first.awaitReady();
        second.awaitReady();
    }

    @AfterAll
    void stop() {
        ManagedProcess.closeAll(first, second, pipeline, cameras);
    }

    @Test
    void eachReplicaAnswersForEveryCameraWhicheverProcessesIt() throws IOException {
        // Right after the second replica joined, the first one's statistics from before the rebalance are still
        // the latest for a moment: wait for the cameras of the second replica's partitions to come from it.
        Map<String, String> processedBy = awaitOrExplain("cameras spread over both replicas", () -> processedBy(second),
                map -> map != null && new HashSet<>(map.values()).size() == 2);
        assertThat(awaitEveryCameraLiveOn(first)).isEqualTo(processedBy);

        for (ConsumerInstance replica : List.of(first, second)) {
            for (Map.Entry<String, String> camera : colourOf.entrySet()) {
                String id = camera.getKey();
                JsonPath stats = given().get(replica.url() + "/stats/latest?camera=" + id).then().statusCode(200)
                        .extract().jsonPath();
                int[] rgb = COLOURS.get(camera.getValue());
                // H.264 in 4:2:0 and JPEG move a solid colour by a few levels.
                assertThat(stats.getDouble("mean.r")).as("%s red on %s", id, replica.url()).isCloseTo(rgb[0], within(16.0));
                assertThat(stats.getDouble("mean.g")).as("%s green", id).isCloseTo(rgb[1], within(16.0));
                assertThat(stats.getDouble("mean.b")).as("%s blue", id).isCloseTo(rgb[2], within(16.0));
                assertThat(stats.getLong("ageMs")).isBetween(0L, 10_000L);

                Response frame = given().get(replica.url() + "/frames/latest?camera=" + id);
                assertThat(frame.statusCode()).as("/frames/latest?camera=%s on %s", id, replica.url()).isEqualTo(200);
                assertThat(frame.contentType()).isEqualTo("image/jpeg");
                assertThat(Long.parseLong(frame.header("X-Frame-Age-Ms"))).isBetween(0L, 10_000L);
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(frame.asByteArray()));
                assertThat(image.getWidth()).isEqualTo(320);
                assertThat(image.getHeight()).isEqualTo(240);

                assertThat(firstBytes(replica.url() + "/frames/stream?camera=" + id, "\r\n\r\n"))
                        .contains("Content-Type: image/jpeg").contains("X-Camera-Id: " + id);
                assertThat(firstBytes(replica.url() + "/stats/stream?camera=" + id, "\n\n"))
                        .contains("\"camera\":\"" + id + "\"");
            }
        }
        // Looking back too: both replicas find the same frame of a moment in every camera's past.
        for (String id : colourOf.keySet()) {
            JsonPath span = given().get(second.url() + "/frames/span?camera=" + id).then().statusCode(200)
                    .extract().jsonPath();
            Instant moment = Instant.parse(span.getString("newest")).minusSeconds(2);
            assertThat(Instant.parse(span.getString("oldest"))).isBefore(moment);
            List<String> found = new ArrayList<>();
            for (ConsumerInstance replica : List.of(first, second)) {
                Response past = given().get(replica.url() + "/frames/at?annotate=false&camera=" + id + "&time=" + moment);
                assertThat(past.statusCode()).as("/frames/at?camera=%s on %s", id, replica.url()).isEqualTo(200);
                assertThat(Instant.parse(past.header("X-Capture-Time"))).isBeforeOrEqualTo(moment)
                        .isAfter(moment.minusSeconds(1));
                found.add(past.header("X-Frame-Seq") + "@" + past.header("X-Capture-Time"));
            }
            assertThat(found.get(0)).as("the same frame from both replicas").isEqualTo(found.get(1));
        }

        // The statistics stream of one replica carries the cameras the other processes.
        String otherReplica = processedBy.values().stream()
                .filter(name -> !name.equals(replicaName(second))).findFirst().orElseThrow();
        String events = firstBytes(second.url() + "/stats/stream", "\"replica\":\"" + otherReplica + "\"");
        assertThat(events).contains("\"replica\":\"" + otherReplica + "\"");
    }

    @Test
    void theSurvivorOfASigkillTakesTheCamerasOverAndNeverAnswers404() {
        Map<String, String> processedBy = awaitOrExplain("cameras spread over both replicas", () -> processedBy(second),
                map -> map != null && new HashSet<>(map.values()).size() == 2);
        String survivor = replicaName(second);
        List<String> moving = processedBy.entrySet().stream().filter(e -> !e.getValue().equals(survivor))
                .map(Map.Entry::getKey).toList();
        assertThat(moving).isNotEmpty();
        String moved = moving.get(0);

        first.kill();
        long killed = System.nanoTime();
        Instant killedAt = Instant.now();
        List<String> notOk = new ArrayList<>();
        long maxAgeMs = 0;
        double freshSeconds = -1;
        while (freshSeconds < 0 && System.nanoTime() - killed < Duration.ofSeconds(60).toNanos()) {
            for (String id : colourOf.keySet()) {
                for (String path : List.of("/stats/latest?camera=", "/frames/latest?camera=")) {
                    int status = ConsumerInstance.status(second.url() + path + id);
                    if (status != 200) {
                        notOk.add(path + id + " " + status);
                    }
                }
            }
            JsonPath stats = given().get(second.url() + "/stats/latest?camera=" + moved).jsonPath();
            maxAgeMs = Math.max(maxAgeMs, stats.getLong("ageMs"));
            if (survivor.equals(stats.getString("processedBy.replica"))
                    && Instant.parse(stats.getString("capturedAt")).isAfter(killedAt)) {
                freshSeconds = (System.nanoTime() - killed) / 1e9;
            }
            ManagedProcess.sleep(100);
        }
        System.out.printf("replica failover: %s processed by the survivor %.1f s after SIGKILL; its age reached %d ms%n",
                moved, freshSeconds, maxAgeMs);
        assertThat(notOk).as("answers other than 200 while the cameras moved").isEmpty();
        assertThat(freshSeconds).as("seconds from SIGKILL to the first fresh frame of a moved camera")
                .isPositive().isLessThan(12.0);
        assertThat(maxAgeMs).as("the moved camera's age grew while nobody processed it").isGreaterThan(1000);
        awaitOrExplain("every camera processed by the survivor", () -> processedBy(second),
                now -> now != null && now.values().stream().allMatch(survivor::equals));

        // The group whole again for whichever test comes next.
        first = new ConsumerInstance("replica-1-restarted", GROUP, pipeline.bootstrapServers(), workDir.resolve("replicas"));
        first.awaitReady();
    }

    /** Waits until the replica lists every camera as live; returns which replica processes each. */
    private Map<String, String> awaitEveryCameraLiveOn(ConsumerInstance replica) {
        return awaitOrExplain("every camera live on " + replica.name, () -> processedBy(replica), Objects::nonNull);
    }

    /**
     * Waits for the condition; if it does not come, fails with what every process says of the cameras (and
     * prints it, as the build's output may be all there is to read of a run elsewhere).
     */
    private <T> T awaitOrExplain(String what, Callable<T> value, Predicate<T> reached) {
        try {
            return await(what).atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(value, reached);
        } catch (ConditionTimeoutException e) {
            String situation = String.join("\n", first.situation(), second.situation(), pipeline.producerSituation());
            System.out.println("ReplicasIT: " + what + " not reached within " + WAIT + ":\n" + situation);
            throw new AssertionError(what + " not reached within " + WAIT + "; the cameras (want "
                    + colourOf.keySet() + ") as each process saw them:\n" + situation, e);
        }
    }

    /** Which replica processes each camera, as this replica says; null unless every camera is live. */
    private Map<String, String> processedBy(ConsumerInstance replica) {
        JsonPath cameras = given().get(replica.url() + "/cameras").jsonPath();
        Map<String, String> processedBy = new HashMap<>();
        for (String id : colourOf.keySet()) {
            String root = "find { it.id == '" + id + "' }";
            if (!"live".equals(cameras.getString(root + ".state"))) {
                return null;
            }
            processedBy.put(id, cameras.getString(root + ".processedBy.replica"));
        }
        return processedBy;
    }

    /** The name a replica goes by in its group's statistics, from the cameras it processes itself. */
    private static String replicaName(ConsumerInstance replica) {
        JsonPath ready = given().get(replica.url() + "/q/health/ready").jsonPath();
        return ready.getString("checks.find { it.name == 'frames' }.data.replica");
    }

    /** What a streaming endpoint sends until {@code marker} (or 64 KB, or 20 s), as text. */
    private static String firstBytes(String url, String marker) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setReadTimeout(20_000);
        try (InputStream in = connection.getInputStream()) {
            assertThat(connection.getResponseCode()).as(url).isEqualTo(200);
            StringBuilder text = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (text.length() < 65_536 && text.indexOf(marker) < 0) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                text.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            }
            return text.toString();
        } finally {
            connection.disconnect();
        }
    }

    /** Camera ids whose records land on the given partitions of the frames topic, one each. */
    private static List<String> idsOnPartitions(int... partitions) {
        List<String> ids = new ArrayList<>();
        Set<Integer> wanted = new HashSet<>();
        for (int partition : partitions) {
            wanted.add(partition);
        }
        for (int n = 0; ids.size() < partitions.length; n++) {
            String id = "cam" + n;
            int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (wanted.remove(partition)) {
                ids.add(id);
            }
        }
        return ids;
    }
}
