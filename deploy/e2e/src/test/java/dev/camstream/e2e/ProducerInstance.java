package dev.camstream.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One more producer-service process, sharing the cameras of the registry with the others of its group. */
final class ProducerInstance implements AutoCloseable {

    final int port = Project.freePort();
    final String name;
    private final ManagedProcess process;

    ProducerInstance(String name, String bootstrapServers, String apiPassword, Path logs) {
        this.name = name;
        process = ManagedProcess.start(name,
                List.of("java", "-Xmx256m", "-jar", Project.path("producer-service/target/quarkus-app/quarkus-run.jar").toString()),
                Map.of("CAMSTREAM_PRODUCER_PORT", Integer.toString(port), "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                        "CAMSTREAM_BIND_HOST", "127.0.0.1", "CAMSTREAM_INSTANCE_ID", name,
                        "CAMSTREAM_API_PASSWORD", apiPassword),
                logs.resolve(name + ".log"));
    }

    void awaitReady() {
        process.awaitUntil(name + " ready", Duration.ofSeconds(90),
                () -> ConsumerInstance.status(url() + "/q/health/ready") == 200);
    }

    /** SIGKILL: the process gets no chance to leave its group or close anything. */
    void kill() {
        process.kill();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return process.outputFile();
    }

    @Override
    public void close() {
        process.close();
    }
}
