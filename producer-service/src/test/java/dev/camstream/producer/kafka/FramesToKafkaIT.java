package dev.camstream.producer.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.imageio.ImageIO;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** The producer against a real Kafka broker, read back by a plain Kafka client that knows nothing of camstream. */
@QuarkusTest
@TestProfile(FramesToKafkaProfile.class)
@WithTestResource(KafkaBrokerResource.class)
class FramesToKafkaIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void plainKafkaClientReadsWireFormatV1() throws IOException {
        List<ConsumerRecord<String, byte[]>> records = readRecords(10);

        long previousSeq = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            Map<String, String> headers = new HashMap<>();
            record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));

            assertThat(record.key()).isEqualTo("small");
            assertThat(headers).containsEntry("content-type", "image/jpeg").containsEntry("camera-id", "small")
                    .containsEntry("format-version", "1").containsEntry("width", "160").containsEntry("height", "120");
            assertThat(record.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
            assertThat(record.timestamp()).isEqualTo(Long.parseLong(headers.get("capture-time-us")) / 1000);
            long seq = Long.parseLong(headers.get("frame-seq"));
            assertThat(seq).isGreaterThan(previousSeq);
            previousSeq = seq;

            BufferedImage image = ImageIO.read(new ByteArrayInputStream(record.value()));
            assertThat(image).isNotNull();
            assertThat(image.getWidth()).isEqualTo(160);
            assertThat(image.getHeight()).isEqualTo(120);
        }
    }

    @Test
    void framesTooLargeForKafkaAreCountedAndLoggedOnce() throws IOException {
        await().atMost(Duration.ofSeconds(30)).until(() -> camera("huge").getLong("droppedTooLarge") >= 3);

        assertThat(camera("huge").getLong("framesSent")).isZero();
        assertThat(camera("huge").getString("state")).isEqualTo("streaming");
        assertThat(camera("small").getLong("framesSent")).isPositive();
        String log = Files.readString(FramesToKafkaProfile.LOG_FILE, StandardCharsets.UTF_8);
        assertThat(log.split("huge: a \\d+-byte 1280x720 frame is larger than Kafka accepts", -1)).hasSize(2);
        assertThat(log).doesNotContain("was not sent to Kafka");
    }

    private List<ConsumerRecord<String, byte[]>> readRecords(int count) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "plain-client");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(FramesToKafkaProfile.TOPIC));
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.size() < count && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        assertThat(records).as("records read from the real broker").hasSizeGreaterThanOrEqualTo(count);
        return records;
    }

    private static JsonPath camera(String id) {
        return new JsonPath(given().get("/cameras").then().statusCode(200).extract().asString())
                .setRootPath("find { it.id == '" + id + "' }");
    }
}
