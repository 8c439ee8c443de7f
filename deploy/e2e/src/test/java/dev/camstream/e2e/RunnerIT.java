package dev.camstream.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * What deploy/local/run.sh tells the person at the terminal: once ready, one line per camera that says what it
 * is doing (never "streaming" for a camera that is not), then one line whenever a camera changes state.
 */
class RunnerIT {

    private static final String SECRET = "Runn3r-S3cret";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void runnerSaysWhatEachCameraIsDoingAndWhenThatChanges() throws IOException {
        Path workDir = Files.createDirectories(Path.of("target", "runner-" + System.currentTimeMillis())).toAbsolutePath();
        TestCamera door = TestCamera.start(workDir, "door=ball:320x240:10");
        int doorPort = door.port();
        String unreachable = "rtsp://admin:" + SECRET + "@127.0.0.1:" + Project.freePort() + "/live";
        try (LocalPipeline pipeline = new LocalPipeline(workDir.resolve("data"), "good=testsrc?size=320x240&rate=10",
                "bad=" + unreachable, "door=" + door.url("door"))) {
            String banner = pipeline.runnerOutput();
            assertThat(banner).containsPattern(line("good  streaming 320x240 (9|10)\\.[0-9] fps"))
                    .containsPattern(line("door  streaming 320x240 (9|10)\\.[0-9] fps"))
                    .containsPattern(line("bad   failed: .*Connection refused.*"))
                    .doesNotContain(SECRET);
            assertThat(banner.lines().filter(l -> l.contains("bad") && l.contains("streaming"))).isEmpty();

            door.close();
            await().atMost(WAIT).until(() -> pipeline.runnerOutput().substring(banner.length())
                    .matches("(?s).*run\\.sh: [0-9:]{8} door  (reconnecting|failed): .*"));
            door = TestCamera.start(workDir, doorPort, "door=ball:320x240:10");
            String beforeReturn = pipeline.runnerOutput();
            await().atMost(WAIT).until(() -> pipeline.runnerOutput().substring(beforeReturn.length())
                    .matches("(?s).*run\\.sh: [0-9:]{8} door  streaming\\b.*"));

            String changes = pipeline.runnerOutput().substring(banner.length());
            assertThat(changes).as("only door changed state").doesNotContain(" good ").doesNotContain(" bad ")
                    .doesNotContain(SECRET);
            assertThat(given().get(pipeline.consumerUrl() + "/stats/latest?camera=good").statusCode()).isEqualTo(200);
        } finally {
            door.close();
        }
    }

    private static Pattern line(String text) {
        return Pattern.compile("(?m)^run\\.sh:   " + text + "$");
    }
}
