package dev.camstream.producer.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.camstream.producer.kafka.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The camera API against the registry on a real broker, one instance: changes, refusals, masking. */
@QuarkusTest
@TestProfile(CameraApiProfile.class)
@WithTestResource(KafkaBrokerResource.class)
class CameraApiIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aConfiguredCameraIsWrittenToTheRegistryAndGrabbed() {
        await().atMost(WAIT).until(() -> "streaming".equals(camera("conf").getString("state")));
        assertThat(camera("conf").getString("instance")).isNotBlank();
    }

    @Test
    void aConfiguredPasswordPlaceholderReachesTheRegistryAndThePasswordDoesNot() {
        await().atMost(WAIT).until(() -> camera("vault").getString("state") != null);
        try (KafkaConsumer<String, String> registry = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "registry-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            registry.subscribe(List.of("api-cameras"));
            List<String> values = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                registry.poll(Duration.ofMillis(200)).forEach(record -> {
                    if ("vault".equals(record.key())) {
                        values.add(record.value());
                    }
                });
                return !values.isEmpty();
            });
            assertThat(values).allSatisfy(value -> assertThat(value)
                    .contains("${" + CameraApiProfile.CONFIG_PASSWORD_NAME + "}")
                    .doesNotContain(CameraApiProfile.CONFIG_PASSWORD));
        }
    }

    @Test
    void addedCamerasAreGrabbedWithinSecondsAndRemovedOnesStop() {
        admin().body("{\"url\":\"testsrc?size=160x120&rate=5\",\"maxFps\":5}").put("/cameras/added")
                .then().statusCode(200).body("url", equalTo("testsrc?size=160x120&rate=5"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "streaming".equals(camera("added").getString("state")));

        admin().delete("/cameras/added").then().statusCode(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/cameras/added").statusCode() == 404);
        admin().delete("/cameras/added").then().statusCode(404).contentType("application/json");
    }

    @Test
    void aPatternAskedToPassThroughIsSentAsJpegAndSaysWhy() {
        admin().body("{\"url\":\"testsrc?size=160x120&rate=5\",\"encoding\":\"passthrough\"}").put("/cameras/drawn")
                .then().statusCode(200).body("encoding", equalTo("passthrough"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "streaming".equals(camera("drawn").getString("state")));

        assertThat(camera("drawn").getString("encoding.used")).isEqualTo("jpeg");
        assertThat(camera("drawn").getString("encoding.fallback")).contains("built-in pattern");
        admin().delete("/cameras/drawn").then().statusCode(204);
    }

    @Test
    void changesNeedTheCredential() {
        given().contentType("application/json").body("{\"url\":\"testsrc\"}").put("/cameras/nope")
                .then().statusCode(401);
        given().auth().preemptive().basic("admin", "wrong").contentType("application/json")
                .body("{\"url\":\"testsrc\"}").put("/cameras/nope").then().statusCode(401);
        given().auth().preemptive().basic("admin", "").contentType("application/json")
                .body("{\"url\":\"testsrc\"}").put("/cameras/nope").then().statusCode(401);
        given().delete("/cameras/conf").then().statusCode(401);
        assertThat(ids()).doesNotContain("nope").contains("conf");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bad!id  | {\"url\":\"testsrc\"}",
            "scheme  | {\"url\":\"http://10.0.0.5/stream\"}",
            "nourl   | {\"jpegQuality\":80}",
            "json    | {\"url\":",
            "option  | {\"url\":\"testsrc\",\"colour\":\"red\"}",
            "quality | {\"url\":\"testsrc\",\"jpegQuality\":0}",
            "coding  | {\"url\":\"testsrc\",\"encoding\":\"h264\"}",
            "missing | {\"url\":\"rtsp://admin:${NO_SUCH_VARIABLE}@10.0.0.5/stream\"}" })
    void badDefinitionsAreRefusedWithAReasonAndChangeNothing(String id, String body) {
        List<String> before = ids();
        admin().body(body).put("/cameras/" + id).then().statusCode(400).contentType("application/json")
                .body("error", equalTo("invalid-camera")).body("message", org.hamcrest.Matchers.not(""));
        assertThat(ids()).isEqualTo(before);
    }

    @Test
    void aDefinitionOfAMegabyteIsRefused() {
        String huge = "{\"url\":\"testsrc\",\"rtspTransport\":\"" + "x".repeat(1024 * 1024) + "\"}";
        admin().body(huge).put("/cameras/huge").then().statusCode(400).contentType("application/json")
                .body("error", equalTo("invalid-camera"));
        assertThat(ids()).doesNotContain("huge");
    }

    @Test
    void passwordsAppearInNoAnswer() {
        String plain = "Plain-S3cret";
        String encoded = "Enc%40S3cret";
        admin().body("{\"url\":\"rtsp://admin:" + plain + "@127.0.0.1:9/a\",\"timeout\":\"2s\"}").put("/cameras/lockeda")
                .then().statusCode(200);
        admin().body("{\"url\":\"rtsp://admin:" + encoded + "@127.0.0.1:9/b\",\"timeout\":\"2s\"}").put("/cameras/lockedb")
                .then().statusCode(200);
        await().atMost(WAIT).until(() -> "failed".equals(camera("lockeda").getString("state"))
                && "failed".equals(camera("lockedb").getString("state")));
        for (String answer : List.of(given().get("/cameras").asString(), given().get("/cameras/lockeda").asString(),
                given().accept("text/plain").get("/cameras").asString(), given().get("/q/metrics").asString(),
                given().get("/q/health").asString())) {
            assertThat(answer).doesNotContain(plain).doesNotContain(encoded).doesNotContain("Enc@S3cret")
                    .doesNotContain(CameraApiProfile.CONFIG_PASSWORD);
        }
        admin().delete("/cameras/lockeda").then().statusCode(204);
        admin().delete("/cameras/lockedb").then().statusCode(204);
    }

    private static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", CameraApiProfile.PASSWORD).contentType("application/json");
    }

    private static JsonPath camera(String id) {
        return given().get("/cameras").jsonPath().setRootPath("find { it.id == '" + id + "' }");
    }

    private static List<String> ids() {
        return given().get("/cameras").jsonPath().getList("id", String.class);
    }
}
