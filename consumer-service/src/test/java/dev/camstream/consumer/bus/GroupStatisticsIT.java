package dev.camstream.consumer.bus;

import static dev.camstream.consumer.TestFrames.nowMicros;
import static dev.camstream.consumer.TestFrames.solidJpeg;
import static dev.camstream.consumer.TestFrames.v1Headers;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.Rejections;
import dev.camstream.consumer.kafka.FramesFromKafkaProfile;
import dev.camstream.consumer.kafka.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** The statistics topic on a real broker: what this replica publishes, and what it makes of what it reads. */
@QuarkusTest
@TestProfile(FramesFromKafkaProfile.class)
@WithTestResource(KafkaBrokerResource.class)
class GroupStatisticsIT {

    private static final String STATS_TOPIC = "frames.stats";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Rejections rejections;

    @Test
    void everyProcessedFrameIsOneRecordOfStatisticsV1KeyedByCamera() throws Exception {
        List<RecordMetadata> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = frameProducer()) {
            for (long seq = 1; seq <= 3; seq++) {
                sent.add(producer.send(new ProducerRecord<>(FramesFromKafkaProfile.TOPIC, 0, "green",
                        solidJpeg(96, 64, 30, 200, 40), v1Headers("green", seq, nowMicros(), 96, 64))).get());
            }
        }

        List<ConsumerRecord<String, String>> records = readStatistics("green", 3);
        for (int i = 0; i < 3; i++) {
            ConsumerRecord<String, String> record = records.get(i);
            assertThat(record.key()).isEqualTo("green");
            assertThat(new String(record.headers().lastHeader("format-version").value(), StandardCharsets.UTF_8)).isEqualTo("1");
            JsonPath stats = new JsonPath(record.value());
            assertThat(stats.getString("camera")).isEqualTo("green");
            assertThat(stats.getLong("seq")).isEqualTo(i + 1);
            assertThat(stats.getInt("width")).isEqualTo(96);
            assertThat(stats.getInt("height")).isEqualTo(64);
            assertThat(Instant.parse(stats.getString("capturedAt"))).isBefore(Instant.parse(stats.getString("processedAt")).plusMillis(1));
            assertThat(stats.getDouble("latencyMs")).isNotNegative();
            assertThat(stats.getDouble("mean.g")).isCloseTo(200, within(4.0));
            assertThat(stats.getDouble("stddev.g")).isLessThan(2.0);
            assertThat(stats.getDouble("luma")).isPositive();
            assertThat(stats.getDouble("motion")).isNotNegative();
            assertThat(stats.getString("source.topic")).isEqualTo(FramesFromKafkaProfile.TOPIC);
            assertThat(stats.getInt("source.partition")).isZero();
            assertThat(stats.getLong("source.offset")).isEqualTo(sent.get(i).offset());
            assertThat(stats.getString("processedBy.group")).isEqualTo(FramesFromKafkaProfile.GROUP);
            assertThat(stats.getString("processedBy.replica")).isNotBlank();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, STATS_TOPIC);
            String policy = admin.describeConfigs(Set.of(topic)).all().get().get(topic).get("cleanup.policy").value();
            assertThat(policy).isEqualTo("compact,delete");
        }
    }

    @Test
    void statisticsThatAreNotJsonOrNameAFrameThatIsGoneAreCountedAndTheApiAnswers() throws Exception {
        long invalidBefore = rejections.count(RejectReason.INVALID_STATISTICS);
        long goneBefore = rejections.count(RejectReason.FRAME_GONE);
        String ghost = """
                {"camera":"ghost","seq":7,"width":96,"height":64,"capturedAt":"%s","processedAt":"%s","latencyMs":5.0,
                 "mean":{"r":1,"g":2,"b":3},"stddev":{"r":0,"g":0,"b":0},"luma":2.0,"motion":0.0,
                 "source":{"topic":"%s","partition":0,"offset":1000000},
                 "processedBy":{"group":"%s","replica":"elsewhere"}}"""
                .formatted(Instant.now(), Instant.now(), FramesFromKafkaProfile.TOPIC, FramesFromKafkaProfile.GROUP);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(STATS_TOPIC, "junk", "{not json")).get();
            producer.send(new ProducerRecord<>(STATS_TOPIC, "ghost", ghost)).get();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/stats/latest?camera=ghost").statusCode() == 200);
        JsonPath stats = given().get("/stats/latest?camera=ghost").jsonPath();
        assertThat(stats.getString("processedBy.replica")).isEqualTo("elsewhere");
        assertThat(stats.getLong("ageMs")).isNotNegative();
        assertThat(stats.getString("state")).isEqualTo("live");
        assertThat(rejections.count(RejectReason.INVALID_STATISTICS)).isEqualTo(invalidBefore + 1);

        given().get("/frames/latest?camera=ghost").then().statusCode(503).contentType("application/json")
                .header("Retry-After", "1");
        assertThat(rejections.count(RejectReason.FRAME_GONE)).isEqualTo(goneBefore + 1);
        assertThat(new JsonPath(given().get("/cameras").asString()).getList("id", String.class)).contains("ghost");
        given().get("/q/health/ready").then().statusCode(200);
    }

    private KafkaProducer<String, byte[]> frameProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
    }

    private List<ConsumerRecord<String, String>> readStatistics(String camera, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "stats-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(STATS_TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (camera.equals(record.key())) {
                        records.add(record);
                    }
                });
                return records.size() >= count;
            });
        }
        assertThat(records).hasSize(count);
        return records;
    }
}
