package dev.camstream.consumer.kafka;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The consumer on its own topic and group of a real broker, reading from the topic's start. */
public class FramesFromKafkaProfile implements QuarkusTestProfile {

    public static final String TOPIC = "frames-from-kafka";
    public static final String GROUP = "consumer-it";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mp.messaging.incoming.frames.topic", TOPIC,
                "mp.messaging.incoming.frames.group.id", GROUP,
                "mp.messaging.incoming.frames.auto.offset.reset", "earliest",
                "mp.messaging.incoming.frames.auto.commit.interval.ms", "500",
                "camstream.max-lag", "1h");
    }
}
