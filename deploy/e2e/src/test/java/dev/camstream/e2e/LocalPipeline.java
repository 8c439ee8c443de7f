package dev.camstream.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** deploy/local/run.sh with its own ports and data folder: broker, producer and consumer as real processes. */
final class LocalPipeline implements AutoCloseable {

    final int kafkaPort = Project.freePort();
    final int controllerPort = Project.freePort();
    final int producerPort = Project.freePort();
    final int consumerPort = Project.freePort();
    final Path dataDir;
    private final ManagedProcess runner;

    LocalPipeline(Path dataDir, String... cameras) {
        this(dataDir, Map.of(), cameras);
    }

    /** With more environment for run.sh, such as {@code CAMSTREAM_CAMERAS_FILE}. */
    LocalPipeline(Path dataDir, Map<String, String> extraEnvironment, String... cameras) {
        this.dataDir = dataDir;
        Map<String, String> environment = new HashMap<>(extraEnvironment);
        environment.put("CAMSTREAM_KAFKA_PORT", Integer.toString(kafkaPort));
        environment.put("CAMSTREAM_KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort));
        environment.put("CAMSTREAM_PRODUCER_PORT", Integer.toString(producerPort));
        environment.put("CAMSTREAM_CONSUMER_PORT", Integer.toString(consumerPort));
        environment.put("CAMSTREAM_DATA_DIR", dataDir.toString());
        environment.put("CAMSTREAM_JAVA_OPTS", "-Xmx256m");
        List<String> command = new ArrayList<>(List.of(Project.path("deploy/local/run.sh").toString()));
        command.addAll(List.of(cameras));
        runner = ManagedProcess.start("run.sh", command, environment, dataDir.resolve("run.out"));
        runner.awaitUntil("pipeline ready", Duration.ofMinutes(4), () -> runner.output().contains("Ctrl-C stops everything"));
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    String consumerUrl() {
        return "http://127.0.0.1:" + consumerPort;
    }

    String producerUrl() {
        return "http://127.0.0.1:" + producerPort;
    }

    /** The consumer's latest statistics of a camera, or null if it has none yet. */
    JsonPath consumerStats(String camera) {
        Response answer = RestAssured.get(consumerUrl() + "/stats/latest?camera=" + camera);
        return answer.statusCode() == 200 ? answer.jsonPath() : null;
    }

    /** What a failure needs to know of the producer: its cameras and the last lines of its log. */
    String producerSituation() {
        String log;
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("logs/producer.log"), StandardCharsets.UTF_8);
            log = String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            log = "no log: " + e;
        }
        return "producer GET /cameras: " + ConsumerInstance.get(producerUrl() + "/cameras") + "\nproducer log:\n" + log;
    }

    String runnerOutput() {
        return runner.output();
    }

    /** The process run.sh started whose command line contains {@code marker} (a main class, a jar's path). */
    ProcessHandle process(String marker) {
        return runner.descendants().filter(p -> commandLine(p).contains(marker)).findFirst()
                .orElseThrow(() -> new AssertionError("no process of run.sh with " + marker));
    }

    /** The whole command line: ProcessHandle.Info cuts long ones, such as the broker's with its classpath. */
    private static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return ""; // it ended meanwhile
        }
    }

    boolean isRunning() {
        return runner.isAlive();
    }

    @Override
    public void close() {
        runner.close();
    }
}
