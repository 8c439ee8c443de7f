package dev.camstream.consumer.kafka;

import static dev.camstream.consumer.TestFrames.nowMicros;
import static dev.camstream.consumer.TestFrames.record;
import static dev.camstream.consumer.TestFrames.solidJpeg;
import static dev.camstream.consumer.TestFrames.v1Headers;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

import dev.camstream.consumer.TestFrames;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;

/** An analytics consumer ({@code camstream.mode=every-frame}) processes frames however old they are. */
@QuarkusTest
@TestProfile(EveryFrameModeTest.EveryFrame.class)
class EveryFrameModeTest {

    public static class EveryFrame implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("camstream.mode", "every-frame");
        }
    }

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Test
    void processesFramesOlderThanMaxLag() {
        InMemorySource<ConsumerRecord<String, byte[]>> frames = connector.source(Channels.FRAMES);
        TestFrames.awaitChannelLive(frames);
        long anHourAgo = nowMicros() - 3_600_000_000L;
        for (long seq = 1; seq <= 3; seq++) {
            frames.send(record("archive", v1Headers("archive", seq, anHourAgo + seq * 40_000, 64, 48),
                    solidJpeg(64, 48, 9, 9, 9), seq));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/cameras").jsonPath()
                .getList("id", String.class).contains("archive") && archive().getLong("frames") == 3);
        assertThat(archive().getLong("skipped")).isZero();
        assertThat(given().get("/stats/latest?camera=archive").jsonPath().getDouble("latencyMs")).isGreaterThan(3_500_000);
    }

    private static JsonPath archive() {
        return new JsonPath(given().get("/cameras").asString()).setRootPath("find { it.id == 'archive' }");
    }
}
