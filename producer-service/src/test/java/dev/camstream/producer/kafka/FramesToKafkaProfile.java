package dev.camstream.producer.kafka;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Two cameras against a real broker whose producer accepts at most 64 KiB per request: a small pattern
 * whose frames fit, and a large noisy one at top quality whose every frame is too large.
 */
public class FramesToKafkaProfile implements QuarkusTestProfile {

    static final String TOPIC = "frames-it";
    static final Path LOG_FILE = Path.of("target", "frames-to-kafka-test.log");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "camstream.camera-list", "small=testsrc?size=160x120&rate=10",
                "camstream.cameras.huge.url", "testsrc?size=1280x720&rate=5&noise=60",
                "camstream.cameras.huge.jpeg-quality", "100",
                "mp.messaging.outgoing.frames.topic", TOPIC,
                "mp.messaging.outgoing.frames.max.request.size", "65536",
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", LOG_FILE.toString());
    }
}
