package dev.camstream.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The whole path with real parts: GStreamer RTSP cameras → producer-service → Kafka (KRaft) →
 * consumer-service, all started by deploy/local/run.sh as a user would, once for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineIT {

    private static final String SECRET = "Sup3r-S3cret";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern METRIC_NAME = Pattern.compile("\\b(camstream|kafka)_[a-z0-9_]+");

    private Path workDir;
    private TestCamera cameras;
    private LocalPipeline pipeline;

    @BeforeAll
    void startPipeline() throws IOException {
        workDir = Files.createDirectories(Path.of("target", "e2e-" + System.currentTimeMillis())).toAbsolutePath();
        // Solid colour R=0xFF G=0x20 B=0x40, and videotestsrc's moving ball, at 10 fps: the class runs a broker,
        // the producer, up to four consumers and the cameras on two cores, and at 25 fps that alone filled them,
        // so that a restarted consumer's start-up waited on the others (what the restart test measures).
        cameras = TestCamera.start(workDir, "solid=ff2040:640x480:10", "ball=ball:640x480:10");
        pipeline = new LocalPipeline(workDir.resolve("data"),
                "solid=" + cameras.url("solid"), "ball=" + cameras.url("ball"),
                "locked=" + cameras.url("solid", "admin", SECRET));
    }

    @AfterAll
    void stopPipeline() {
        try {
            if (pipeline != null) {
                pipeline.close();
                assertThat(pipeline.runnerOutput()).contains("stopping");
                for (int port : new int[] { pipeline.kafkaPort, pipeline.controllerPort, pipeline.producerPort,
                        pipeline.consumerPort }) {
                    assertThat(listening(port)).as("port %d closed after run.sh stopped", port).isFalse();
                }
            }
        } finally {
            if (cameras != null) {
                cameras.close();
            }
        }
    }

    @Test
    void solidColourCameraGivesItsColourAndAnAnnotatedFrameOfItsSize() throws IOException {
        await().atMost(WAIT).until(() -> given().get(pipeline.consumerUrl() + "/stats/latest?camera=solid").statusCode() == 200);
        JsonPath stats = given().get(pipeline.consumerUrl() + "/stats/latest?camera=solid").jsonPath();
        // H.264 in 4:2:0 and JPEG move a solid colour by a few levels.
        assertThat(stats.getDouble("mean.r")).isCloseTo(255, within(10.0));
        assertThat(stats.getDouble("mean.g")).isCloseTo(32, within(10.0));
        assertThat(stats.getDouble("mean.b")).isCloseTo(64, within(10.0));
        assertThat(stats.getDouble("stddev.g")).isLessThan(5.0);
        assertThat(stats.getInt("width")).isEqualTo(640);

        Response frame = given().get(pipeline.consumerUrl() + "/frames/latest?camera=solid");
        assertThat(frame.statusCode()).isEqualTo(200);
        assertThat(frame.contentType()).isEqualTo("image/jpeg");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(frame.asByteArray()));
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(480);
        assertThat((image.getRGB(1, 1) >> 16) & 0xFF).as("annotation panel over the red input").isLessThan(100);
    }

    @Test
    void movingPatternShowsMotion() {
        await().atMost(WAIT).until(() -> {
            Response stats = given().get(pipeline.consumerUrl() + "/stats/latest?camera=ball");
            return stats.statusCode() == 200 && stats.jsonPath().getDouble("motion") > 0;
        });
    }

    @Test
    void camerasListsEveryCamera() {
        await().atMost(WAIT).until(() -> cameraIds(pipeline.consumerUrl()).containsAll(Set.of("solid", "ball", "locked")));
        JsonPath producer = given().get(pipeline.producerUrl() + "/cameras").jsonPath();
        assertThat(producer.getList("state", String.class)).containsOnly("streaming");
        // The probe paths of deploy/k8s answer on both services.
        for (String url : List.of(pipeline.producerUrl(), pipeline.consumerUrl())) {
            for (String probe : List.of("/q/health/started", "/q/health/live", "/q/health/ready")) {
                assertThat(given().get(url + probe).statusCode()).as(url + probe).isEqualTo(200);
            }
        }
    }

    @Test
    void plainKafkaClientReadsWireFormatV1() throws IOException {
        List<ConsumerRecord<String, byte[]>> records = read(20);
        Map<String, Long> lastSeq = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Map<String, String> headers = new HashMap<>();
            record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
            assertThat(record.key()).isIn("solid", "ball", "locked");
            assertThat(headers).containsEntry("camera-id", record.key()).containsEntry("format-version", "1")
                    .containsEntry("content-type", "image/jpeg");
            assertThat(record.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
            assertThat(record.timestamp()).isEqualTo(Long.parseLong(headers.get("capture-time-us")) / 1000);
            long seq = Long.parseLong(headers.get("frame-seq"));
            assertThat(seq).isGreaterThan(lastSeq.getOrDefault(record.key(), 0L));
            lastSeq.put(record.key(), seq);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(record.value()));
            assertThat(image.getWidth()).isEqualTo(Integer.parseInt(headers.get("width")));
            assertThat(image.getHeight()).isEqualTo(Integer.parseInt(headers.get("height")));
        }
    }

    @Test
    void oneGroupSplitsTheCamerasAndAnotherGroupGetsEveryFrame() {
        Path logs = workDir.resolve("scale");
        try (ConsumerInstance first = new ConsumerInstance("scale-1", "scale", pipeline.bootstrapServers(), logs);
                ConsumerInstance second = new ConsumerInstance("scale-2", "scale", pipeline.bootstrapServers(), logs);
                ConsumerInstance other = new ConsumerInstance("other-1", "other", pipeline.bootstrapServers(), logs)) {
            Stream.of(first, second, other).forEach(ConsumerInstance::awaitReady);
            Set<String> all = Set.of("solid", "ball", "locked");
            await().atMost(WAIT).until(() -> {
                Set<String> union = new HashSet<>(activeCameras(first));
                union.addAll(activeCameras(second));
                return union.equals(all) && activeCameras(other).equals(all);
            });
            // After a rebalance settles, no camera is processed by both members of one group.
            Set<String> onFirst = activeCameras(first);
            Set<String> onSecond = activeCameras(second);
            assertThat(onFirst).doesNotContainAnyElementsOf(onSecond);
            Set<String> union = new HashSet<>(onFirst);
            union.addAll(onSecond);
            assertThat(union).isEqualTo(all);
        }
    }

    @Test
    void consumerKilledAndRestartedServesWithinTenSecondsAndIsNeverReadyWhileBlind() {
        Path logs = workDir.resolve("restart");
        try (ConsumerInstance first = new ConsumerInstance("restart-1", "restart", "restart-a", pipeline.bootstrapServers(), logs)) {
            first.awaitReady();
            await().atMost(WAIT).until(() -> ConsumerInstance.status(first.url() + "/stats/latest?camera=ball") == 200);
            first.kill();
        }
        long killed = System.nanoTime();
        try (ConsumerInstance second = new ConsumerInstance("restart-2", "restart", "restart-a", pipeline.bootstrapServers(), logs)) {
            long ready = -1;
            long serving = -1;
            while (serving < 0 && System.nanoTime() - killed < Duration.ofSeconds(60).toNanos()) {
                boolean isReady = ConsumerInstance.status(second.url() + "/q/health/ready") == 200;
                boolean hasStats = ConsumerInstance.status(second.url() + "/stats/latest?camera=ball") == 200;
                long now = System.nanoTime();
                if ((isReady || hasStats) && ready < 0) {
                    ready = now;
                }
                if (hasStats) {
                    serving = now;
                }
                ManagedProcess.sleep(100);
            }
            assertThat(serving).as("statistics served after the restart").isPositive();
            double servingSeconds = (serving - killed) / 1e9;
            System.out.printf("consumer restart: ready %.1f s, serving %.1f s after SIGKILL%n", (ready - killed) / 1e9,
                    servingSeconds);
            assertThat(servingSeconds).as("seconds from SIGKILL to statistics served").isLessThan(10.0);
            // Ready means partitions held: frames follow once the frames since the group's last commit are
            // skipped as stale (a few hundred records, partition by partition, on a machine the pipeline keeps
            // busy: measured 1.6 to 2.0 s), not after a session timeout (10 s).
            assertThat((serving - ready) / 1e9).as("seconds ready but blind").isLessThan(3.0);
        }
    }

    @Test
    void slowStreamClientsThatGoAwayLeaveNoErrorInTheLog() throws IOException {
        await().atMost(WAIT).until(() -> given().get(pipeline.consumerUrl() + "/stats/latest?camera=ball").statusCode() == 200);
        Path log = pipeline.dataDir.resolve("logs/consumer.log");
        long errorsBefore = errorLines(log);
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                clients.add(streamClient("/frames/stream?camera=ball"));
                clients.add(streamClient("/stats/stream"));
            }
            // Each reads a little and stops, as a slow viewer on a bad link would, then goes away.
            for (Socket client : clients) {
                client.getInputStream().readNBytes(512);
            }
        } finally {
            for (Socket client : clients) {
                client.setSoLinger(true, 0); // a reset, as when a browser tab is killed
                client.close();
            }
        }
        await().atMost(WAIT).until(() -> {
            JsonPath ready = given().get(pipeline.consumerUrl() + "/q/health/ready").jsonPath()
                    .setRootPath("checks.find { it.name == 'frames' }.data");
            return ready.getInt("'mjpeg-clients'") == 0 && ready.getInt("'sse-clients'") == 0;
        });
        assertThat(errorLines(log)).as("ERROR lines in %s", log).isEqualTo(errorsBefore);
    }

    private Socket streamClient(String path) throws IOException {
        Socket socket = new Socket("127.0.0.1", pipeline.consumerPort);
        socket.setReceiveBufferSize(4096);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private static long errorLines(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream().filter(l -> l.contains(" ERROR ")).count();
    }

    @Test
    void cameraPasswordAppearsNowhere() throws IOException {
        await().atMost(WAIT).until(() -> cameraIds(pipeline.consumerUrl()).contains("locked"));
        String producerCameras = given().get(pipeline.producerUrl() + "/cameras").asString();
        assertThat(producerCameras).contains("admin:***@").doesNotContain(SECRET);
        assertThat(given().get(pipeline.producerUrl() + "/q/health/ready").asString()).doesNotContain(SECRET);
        assertThat(pipeline.runnerOutput()).doesNotContain(SECRET);
        try (Stream<Path> files = Files.walk(pipeline.dataDir.resolve("logs"))) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(log, StandardCharsets.ISO_8859_1)).as(log.toString()).doesNotContain(SECRET);
            }
        }
    }

    @Test
    void dashboardQueriesOnlyMetricsTheServicesExpose() throws IOException {
        await().atMost(WAIT).until(() -> given().get(pipeline.consumerUrl() + "/q/metrics").asString()
                .contains("camstream_consumer_latency_seconds_bucket"));
        String scrapes = given().get(pipeline.producerUrl() + "/q/metrics").asString()
                + given().get(pipeline.consumerUrl() + "/q/metrics").asString();
        Set<String> exposed = new HashSet<>();
        scrapes.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> exposed.add(line.split("[{ ]", 2)[0]));

        JsonPath dashboard = new JsonPath(Files.readString(Project.path("deploy/grafana/camstream.json")));
        List<String> expressions = dashboard.getList("panels.targets.flatten().expr", String.class);
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(12);
        Set<String> queried = new HashSet<>();
        Matcher names = METRIC_NAME.matcher(String.join("\n", expressions));
        while (names.find()) {
            queried.add(names.group());
        }
        assertThat(queried).contains("camstream_consumer_latency_seconds_bucket", "kafka_consumer_fetch_manager_records_lag_max");
        assertThat(exposed).containsAll(queried);
    }

    /** Cameras whose processed-frame count grows over two seconds on this consumer. */
    private static Set<String> activeCameras(ConsumerInstance consumer) {
        Map<String, Long> before = frames(consumer.url());
        ManagedProcess.sleep(2000);
        Map<String, Long> after = frames(consumer.url());
        Set<String> active = new HashSet<>();
        after.forEach((id, count) -> {
            if (count > before.getOrDefault(id, 0L)) {
                active.add(id);
            }
        });
        return active;
    }

    private static Map<String, Long> frames(String consumerUrl) {
        Map<String, Long> frames = new HashMap<>();
        JsonPath cameras = given().get(consumerUrl + "/cameras").jsonPath();
        List<String> ids = cameras.getList("id", String.class);
        for (int i = 0; i < ids.size(); i++) {
            frames.put(ids.get(i), cameras.getLong("[" + i + "].frames"));
        }
        return frames;
    }

    private static Set<String> cameraIds(String consumerUrl) {
        return new HashSet<>(given().get(consumerUrl + "/cameras").jsonPath().getList("id", String.class));
    }

    private List<ConsumerRecord<String, byte[]>> read(int count) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "plain-client-" + System.nanoTime());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("frames"));
            long deadline = System.currentTimeMillis() + 60_000;
            while (records.size() < count && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        assertThat(records).hasSizeGreaterThanOrEqualTo(count);
        return records;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
