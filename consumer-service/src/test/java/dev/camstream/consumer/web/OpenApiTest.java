package dev.camstream.consumer.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The consumer's API is described for clients, its error answers included. */
@QuarkusTest
class OpenApiTest {

    @Test
    void describesTheApiWithItsErrorAnswers() {
        JsonPath api = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertThat(api.getMap("paths")).containsKeys("/frames/latest", "/stats/latest", "/cameras");
        assertThat(api.getMap("paths.'/frames/latest'.get.responses")).containsKeys("200", "400", "404", "503");
        assertThat(api.getString("paths.'/stats/latest'.get.responses.'404'.content.'application/json'.schema.'$ref'"))
                .endsWith("ApiError");
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
