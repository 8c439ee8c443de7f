package dev.camstream.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.restassured.path.json.JsonPath;

/**
 * What deploy/local/run.sh does for the person at the terminal: once ready, one line per camera that says
 * what it is doing (never "streaming" for a camera that is not), then one line whenever a camera changes
 * state; passwords in no process list; and a broker that dies is started again while the services ride it out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerIT {

    private static final String SECRET = "Runn3r-S3cret";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long MAX_PRODUCER_RSS_KB = 700 * 1024;

    private Path workDir;
    private TestCamera door;
    private int doorPort;
    private LocalPipeline pipeline;
    private String banner;

    @BeforeAll
    void startPipeline() throws IOException {
        workDir = Files.createDirectories(Path.of("target", "runner-" + System.currentTimeMillis())).toAbsolutePath();
        door = TestCamera.start(workDir, "door=ball:320x240:10");
        doorPort = door.port();
        // The camera with a password comes from a file: it must appear in no process list.
        Path camerasFile = workDir.resolve("cameras.txt");
        Files.writeString(camerasFile, "# cameras with credentials\n\nbad=rtsp://admin:" + SECRET + "@127.0.0.1:"
                + Project.freePort() + "/live\n");
        pipeline = new LocalPipeline(workDir.resolve("data"), Map.of("CAMSTREAM_CAMERAS_FILE", camerasFile.toString()),
                "good=testsrc?size=320x240&rate=10", "door=" + door.url("door"));
        banner = pipeline.runnerOutput();
    }

    @AfterAll
    void stopPipeline() {
        ManagedProcess.closeAll(pipeline, door);
    }

    @Test
    void runnerSaysWhatEachCameraIsDoingAndWhenThatChanges() {
        assertThat(banner).containsPattern(line("good  streaming 320x240 (9|10)\\.[0-9] fps"))
                .containsPattern(line("door  streaming 320x240 (9|10)\\.[0-9] fps"))
                .containsPattern(line("bad   failed: .*Connection refused.*"))
                .doesNotContain(SECRET);
        assertThat(banner.lines().filter(l -> l.contains("bad") && l.contains("streaming"))).isEmpty();
        assertThat(processList()).doesNotContain(SECRET).contains("quarkus-run.jar");

        door.close();
        await().atMost(WAIT).until(() -> pipeline.runnerOutput().substring(banner.length())
                .matches("(?s).*run\\.sh: [0-9:]{8} door  (reconnecting|failed): .*"));
        door = TestCamera.start(workDir, doorPort, "door=ball:320x240:10");
        String beforeReturn = pipeline.runnerOutput();
        await().atMost(WAIT).until(() -> pipeline.runnerOutput().substring(beforeReturn.length())
                .matches("(?s).*run\\.sh: [0-9:]{8} door  streaming\\b.*"));

        List<String> cameraChanges = pipeline.runnerOutput().substring(banner.length()).lines()
                .filter(l -> l.matches("run\\.sh: [0-9:]{8} (good|bad|door) .*")).toList();
        assertThat(cameraChanges).as("only door changed state").allMatch(l -> l.contains(" door "));
        assertThat(pipeline.runnerOutput()).doesNotContain(SECRET);
    }

    @Test
    void brokerThatDiesIsStartedAgainAndTheServicesRideItOut() {
        await().atMost(WAIT).until(() -> given().get(pipeline.consumerUrl() + "/stats/latest?camera=good").statusCode() == 200);
        ProcessHandle producer = pipeline.process("producer-service");
        long droppedBefore = camera("good").getLong("dropped");

        pipeline.process("kafka.Kafka").destroyForcibly();
        long killed = System.nanoTime();
        await().atMost(WAIT).until(() -> !listening(pipeline.kafkaPort));
        // While the broker is away the producer keeps grabbing, drops what it cannot send, and stays bounded.
        List<Long> rssDuringOutage = new ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            rssDuringOutage.add(ManagedProcess.rssKb(producer));
            return listening(pipeline.kafkaPort);
        });
        long back = System.nanoTime();
        Instant backAt = Instant.now();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonPath stats = given().get(pipeline.consumerUrl() + "/stats/latest?camera=good").jsonPath();
            return Instant.parse(stats.getString("capturedAt")).isAfter(backAt);
        });
        double recoverySeconds = (System.nanoTime() - back) / 1e9;
        System.out.printf("broker outage: %.1f s from SIGKILL to port open; fresh statistics %.1f s later; "
                + "producer RSS at most %d MB during the outage%n", (back - killed) / 1e9, recoverySeconds,
                rssDuringOutage.stream().mapToLong(Long::longValue).max().orElse(0) / 1024);

        assertThat(pipeline.isRunning()).as("run.sh still running").isTrue();
        assertThat(pipeline.runnerOutput()).contains("kafka exited");
        assertThat(recoverySeconds).as("seconds from the broker's return to fresh statistics").isLessThan(10.0);
        assertThat(rssDuringOutage).isNotEmpty().allMatch(kb -> kb < MAX_PRODUCER_RSS_KB);
        assertThat(camera("good").getLong("dropped")).as("frames dropped during the outage, counted").isGreaterThan(droppedBefore);
        assertThat(camera("good").getString("state")).isEqualTo("streaming");
    }

    @Test
    void hungCameraIsNoticedWithinItsTimeoutAndResumesWhenItAnswersAgain() {
        await().atMost(WAIT).until(() -> "streaming".equals(camera("door").getString("state")));
        long goodBefore = camera("good").getLong("framesSent");

        door.freeze();
        long frozen = System.nanoTime();
        double detectedSeconds;
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> !"streaming".equals(camera("door").getString("state")));
            detectedSeconds = (System.nanoTime() - frozen) / 1e9;
            assertThat(camera("door").getString("lastError")).startsWith("no frame for");
            assertThat(camera("good").getString("state")).isEqualTo("streaming");
            assertThat(camera("good").getLong("framesSent")).as("the other camera kept sending").isGreaterThan(goodBefore + 50);
        } finally {
            door.thaw();
        }
        long thawed = System.nanoTime();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> "streaming".equals(camera("door").getString("state")));
        double resumedSeconds = (System.nanoTime() - thawed) / 1e9;
        System.out.printf("hung camera: noticed %.1f s after the freeze (timeout 10 s), streaming %.1f s after it "
                + "answered again%n", detectedSeconds, resumedSeconds);
        assertThat(detectedSeconds).as("seconds to notice the hang").isLessThan(12.0);
        assertThat(resumedSeconds).as("seconds to resume").isLessThan(5.0);
    }

    private JsonPath camera(String id) {
        return given().get(pipeline.producerUrl() + "/cameras").jsonPath().setRootPath("find { it.id == '" + id + "' }");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Every process's command line, as {@code ps} shows them to anyone on the machine. */
    private static String processList() {
        return ProcessHandle.allProcesses().map(process -> process.info().commandLine().orElse(""))
                .collect(Collectors.joining("\n"));
    }

    private static Pattern line(String text) {
        return Pattern.compile("(?m)^run\\.sh:   " + text + "$");
    }
}
