package dev.camstream.producer.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Every error answer is JSON, including those of paths and methods no resource serves. */
@QuarkusTest
class ErrorResponsesTest {

    // %test.quarkus.security.users.embedded.users.admin in application.properties
    private static final String TEST_PASSWORD = "test-only-password";

    @ParameterizedTest
    @ValueSource(strings = { "/cameras?x=%ZZ", "/cameras/%", "/cameras/a%2", "/no/such/%ZZ" })
    void malformedPercentEncodingIsJson400(String target) throws Exception {
        RawRequest answer = RawRequest.get(RestAssured.port, target);
        assertThat(answer.status()).as(target).isEqualTo(400);
        assertThat(answer.contentType()).as(target).startsWith("application/json");
        assertThat(answer.body()).as(target).contains("\"status\":400").contains("\"error\":\"bad-request\"")
                .contains("percent-encoding");
    }

    @Test
    void unknownPathIsJson404() {
        given().get("/no/such/path").then().statusCode(404).contentType("application/json")
                .body("status", equalTo(404)).body("error", equalTo("not-found"))
                .body("message", containsString("/no/such/path"));
    }

    @Test
    void wrongMethodOnAResourceIsJson405() {
        given().auth().preemptive().basic("admin", TEST_PASSWORD).post("/cameras").then().statusCode(405)
                .contentType("application/json").body("status", equalTo(405)).body("error", equalTo("method-not-allowed"));
        given().auth().preemptive().basic("admin", TEST_PASSWORD).put("/cameras").then().statusCode(405)
                .contentType("application/json");
    }

    @Test
    void aChangeWithoutTheCredentialIsJson401() {
        given().post("/cameras").then().statusCode(401).contentType("application/json")
                .header("WWW-Authenticate", containsString("basic")).body("error", equalTo("unauthorized"));
        given().auth().preemptive().basic("admin", "wrong").delete("/cameras/any").then().statusCode(401)
                .contentType("application/json").body("error", equalTo("unauthorized"));
    }

    @Test
    void unacceptableMediaTypeIsJson406() {
        given().accept("image/png").get("/cameras").then().statusCode(406).contentType("application/json")
                .body("error", equalTo("not-acceptable"));
    }

    @Test
    void requestsOverTheLimitsAreJson() {
        given().get("/cameras?camera=" + "a".repeat(10_000)).then().statusCode(414).contentType("application/json")
                .body("error", equalTo("uri-too-long"));
        given().header("X-Big", "a".repeat(64 * 1024)).get("/cameras").then().statusCode(431)
                .contentType("application/json").body("error", equalTo("headers-too-large"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT", "DELETE", "PATCH", "TRACE" })
    void healthAndMetricsAnswerOnlyReads(String method) {
        for (String path : new String[] { "/q/health/live", "/q/health/ready", "/q/metrics" }) {
            given().request(method, path).then().statusCode(405).contentType("application/json")
                    .body("error", equalTo("method-not-allowed"));
        }
        given().get("/q/health/live").then().statusCode(200);
        given().head("/q/health/live").then().statusCode(200);
    }
}
