package dev.camstream.producer.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The camera API is described for clients, its error answers included. */
@QuarkusTest
class OpenApiTest {

    @Test
    void describesTheCameraApiWithItsErrorAnswers() {
        JsonPath api = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertThat(api.getMap("paths")).containsKeys("/cameras", "/cameras/{id}");
        assertThat(api.getMap("paths.'/cameras/{id}'.put.responses")).containsKeys("200", "400", "401", "503");
        assertThat(api.getMap("paths.'/cameras/{id}'.delete.responses")).containsKeys("204", "401", "404");
        assertThat(api.getString("paths.'/cameras/{id}'.put.responses.'400'.content.'application/json'.schema.'$ref'"))
                .endsWith("ApiError");
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
