package dev.camstream.consumer.kafka;

import static dev.camstream.consumer.TestFrames.nowMicros;
import static dev.camstream.consumer.TestFrames.solidJpeg;
import static dev.camstream.consumer.TestFrames.v1Headers;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** consumer-service against a real broker: records written by a plain Kafka producer, offsets committed. */
@QuarkusTest
@TestProfile(FramesFromKafkaProfile.class)
@WithTestResource(KafkaBrokerResource.class)
class FramesFromKafkaIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void processesRecordsFromTheBrokerSkipsGarbageAndCommitsOffsets() throws Exception {
        long first;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new ByteArraySerializer())) {
            first = send(producer, "blue", 1);
            producer.send(new ProducerRecord<>(FramesFromKafkaProfile.TOPIC, 0, "blue", "garbage".getBytes())).get();
            send(producer, "blue", 2);
            send(producer, "blue", 3);
        }
        long end = first + 4;

        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/stats/latest?camera=blue").statusCode() == 200
                && given().get("/stats/latest?camera=blue").jsonPath().getLong("seq") == 3);
        JsonPath stats = given().get("/stats/latest?camera=blue").jsonPath();
        assertThat(stats.getDouble("mean.b")).isCloseTo(230, within(4.0));
        JsonPath blue = new JsonPath(given().get("/cameras").asString()).setRootPath("find { it.id == 'blue' }");
        assertThat(blue.getLong("frames")).isEqualTo(3);
        assertThat(blue.getLong("rejected")).isEqualTo(1);

        // All four records, the garbage too, are committed: a restart resumes after them.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin
                        .listConsumerGroupOffsets(FramesFromKafkaProfile.GROUP).partitionsToOffsetAndMetadata().get();
                OffsetAndMetadata committed = offsets.get(new TopicPartition(FramesFromKafkaProfile.TOPIC, 0));
                return committed != null && committed.offset() == end;
            });
        }
        // Ready once the group assigned this consumer its partition.
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'frames' }.data.partitions", greaterThanOrEqualTo(1));
    }

    /** Sends one frame; returns its offset. */
    private static long send(KafkaProducer<String, byte[]> producer, String camera, long seq) throws Exception {
        return producer.send(new ProducerRecord<>(FramesFromKafkaProfile.TOPIC, 0, camera, solidJpeg(96, 64, 20, 40, 230),
                v1Headers(camera, seq, nowMicros(), 96, 64))).get().offset();
    }
}
