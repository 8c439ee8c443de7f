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

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a1 | {\"detectors\":[\"people\"],\"colour\":1}                    | Unrecognized field \"colour\"",
            "a2 | {\"zones\":{\"door\":[[0,0],[1,0]]}}                            | zone 'door' needs at least 3 points",
            "a3 | {\"zones\":{\"door\":[[0,0],[1.5,0],[1,1]]}}                    | x and y from 0 to 1",
            "a4 | {\"zones\":{\"front door\":[[0,0],[1,0],[1,1]]}}                | zone names must be",
            "a5 | {\"masks\":[[[0,0],[1,0]]]}                                        | mask 1 needs at least 3 points",
            "a6 | {\"fps\":0}                                                        | fps must be > 0",
            "a7 | {\"fps\":6}                                                        | at most 5 (the camera's max-fps)",
            "a8 | {\"min-score\":1.5}                                                | min-score must be between 0 and 1",
            "a9 | {\"detectors\":[\"pe ople\"]}                                     | detectors must be",
            "b1 | {\"labels\":[\"person\",\"\"]}                                    | labels must be" })
    void badAnalysisSettingsAreRefusedWithTheirReasonAndChangeNothing(String id, String analysis, String reason) {
        List<String> before = ids();
        admin().body("{\"url\":\"testsrc\",\"maxFps\":5,\"analysis\":" + analysis + "}").put("/cameras/" + id)
                .then().statusCode(400).contentType("application/json").body("error", equalTo("invalid-camera"))
                .body("message", org.hamcrest.Matchers.containsString(reason));
        assertThat(ids()).isEqualTo(before);
    }

    @Test
    void tooManyZonesOrPointsAreRefused() {
        String square = "[[0,0],[1,0],[1,1],[0,1]]";
        StringBuilder zones = new StringBuilder("{");
        for (int i = 0; i <= AnalysisDefinition.MOST_POLYGONS; i++) {
            zones.append(i == 0 ? "" : ",").append("\"z").append(i).append("\":").append(square);
        }
        admin().body("{\"url\":\"testsrc\",\"analysis\":{\"zones\":" + zones + "}}}").put("/cameras/zones")
                .then().statusCode(400).body("message", org.hamcrest.Matchers.containsString("zones, at most"));
        String many = "[" + "[0.5,0.5],".repeat(AnalysisDefinition.MOST_POINTS) + "[0.5,0.5]]";
        admin().body("{\"url\":\"testsrc\",\"analysis\":{\"masks\":[" + many + "]}}").put("/cameras/points")
                .then().statusCode(400).body("message", org.hamcrest.Matchers.containsString("points, at most"));
        assertThat(ids()).doesNotContain("zones", "points");
    }

    @Test
    void analysisSettingsAreStoredAsGiven() {
        String analysis = "{\"detectors\":[\"people\"],\"fps\":2.0,\"min-score\":0.4,\"labels\":[\"person\"],"
                + "\"zones\":{\"door\":[[0.0,0.0],[0.4,0.0],[0.4,1.0]]},\"masks\":[[[0.8,0.0],[1.0,0.0],[1.0,0.2]]]}";
        admin().body("{\"url\":\"testsrc?size=160x120&rate=5\",\"analysis\":" + analysis + "}").put("/cameras/analysed")
                .then().statusCode(200).body("analysis.fps", equalTo(2.0f)).body("analysis.min-score", equalTo(0.4f))
                .body("analysis.zones.door[2][1]", equalTo(1.0f));
        admin().delete("/cameras/analysed").then().statusCode(204);
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
