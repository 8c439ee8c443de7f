package dev.camstream.e2e;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One more consumer-service process, in a consumer group of the test's choosing. */
final class ConsumerInstance implements AutoCloseable {

    final int port = Project.freePort();
    final String name;
    private final ManagedProcess process;

    ConsumerInstance(String name, String group, String bootstrapServers, Path logs) {
        this(name, group, null, bootstrapServers, logs);
    }

    /** With a group instance id: static membership, as run.sh and the Kubernetes manifests give it. */
    ConsumerInstance(String name, String group, String instanceId, String bootstrapServers, Path logs) {
        this.name = name;
        Map<String, String> environment = new HashMap<>(Map.of("CAMSTREAM_CONSUMER_PORT", Integer.toString(port),
                "CAMSTREAM_GROUP_ID", group, "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "CAMSTREAM_BIND_HOST", "127.0.0.1"));
        if (instanceId != null) {
            environment.put("CAMSTREAM_INSTANCE_ID", instanceId);
        }
        process = ManagedProcess.start(name,
                List.of("java", "-Xmx256m", "-jar", Project.path("consumer-service/target/quarkus-app/quarkus-run.jar").toString()),
                environment, logs.resolve(name + ".log"));
    }

    /** SIGKILL: the process gets no chance to leave its group or close anything. */
    void kill() {
        process.kill();
    }

    void awaitReady() {
        process.awaitUntil("consumer ready", Duration.ofSeconds(90), () -> status(url() + "/q/health/ready") == 200);
    }

    /**
     * What a failure needs to know of this replica: alive or not, its cameras, health, what it published to the
     * statistics topic, and its last log lines.
     */
    String situation() {
        if (!process.isAlive()) {
            return name + ": ended (" + process.exitValue() + ")";
        }
        String statisticsCounters = get(url() + "/q/metrics").body().lines()
                .filter(line -> line.matches("camstream_consumer_statistics_(published|dropped)_total.*"))
                .collect(Collectors.joining("; "));
        return name + " GET /cameras: " + get(url() + "/cameras") + "\n" + name + " GET /q/health: "
                + get(url() + "/q/health") + "\n" + name + " statistics topic: " + statisticsCounters + "\n" + name
                + " log:\n" + process.outputTail(40);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.close();
    }

    /** A GET's status and body: status -1 and the reason if there was no answer. */
    record Answer(int status, String body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** Never throws: for polling, and for failure messages. */
    static Answer get(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            try {
                int status = connection.getResponseCode();
                try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                    return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } finally {
                connection.disconnect();
            }
        } catch (Exception e) {
            return new Answer(-1, "no answer: " + e);
        }
    }

    static int status(String url) {
        return get(url).status();
    }
}
