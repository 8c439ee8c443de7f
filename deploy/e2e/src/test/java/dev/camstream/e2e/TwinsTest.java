package dev.camstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The classes that both services keep a copy of (the design notes keep each service's wire-format and API
 * conventions in the service, with no module between them): each pair is the same, line for line, apart from
 * its package. Changing one means changing the other.
 */
class TwinsTest {

    private static final String PRODUCER = "producer-service/src/";
    private static final String CONSUMER = "consumer-service/src/";

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        // Every error answer's JSON, and the routes that give it where no resource answers.
        "main/java/dev/camstream/producer/web/ApiError.java, main/java/dev/camstream/consumer/web/ApiError.java",
        "main/java/dev/camstream/producer/web/JsonErrorRoutes.java, main/java/dev/camstream/consumer/web/JsonErrorRoutes.java",
        // Wire format v2's codecs, and how YUV becomes RGB in either service.
        "main/java/dev/camstream/producer/frame/VideoCodec.java, main/java/dev/camstream/consumer/frame/VideoCodec.java",
        "main/java/dev/camstream/producer/frame/ColourRules.java, main/java/dev/camstream/consumer/video/ColourRules.java",
        "main/java/dev/camstream/producer/frame/ColourDescription.java, main/java/dev/camstream/consumer/video/ColourDescription.java",
        // A camera's frame rate as both services report it, and its test.
        "main/java/dev/camstream/producer/status/RateMeter.java, main/java/dev/camstream/consumer/store/RateMeter.java",
        "test/java/dev/camstream/producer/status/RateMeterTest.java, test/java/dev/camstream/consumer/store/RateMeterTest.java",
        "test/java/dev/camstream/producer/web/RawRequest.java, test/java/dev/camstream/consumer/web/RawRequest.java",
        // The real broker of the *IT tier (each service's own settings for it are in real-broker.properties).
        "test/java/dev/camstream/producer/kafka/KafkaBrokerResource.java, test/java/dev/camstream/consumer/kafka/KafkaBrokerResource.java" })
    void twinsAreTheSameApartFromTheirPackage(String producer, String consumer) throws IOException {
        assertThat(withoutPackage(CONSUMER + consumer)).as("%s, twin of %s", consumer, producer)
                .isEqualTo(withoutPackage(PRODUCER + producer));
    }

    private static List<String> withoutPackage(String file) throws IOException {
        return Files.readAllLines(Project.path(file)).stream().filter(line -> !line.startsWith("package ")).toList();
    }
}
