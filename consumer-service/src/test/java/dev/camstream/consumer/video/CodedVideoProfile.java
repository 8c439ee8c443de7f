package dev.camstream.consumer.video;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The consumer on a one-partition topic of a real broker, in latest-wins mode, with a small pixel limit. */
public class CodedVideoProfile implements QuarkusTestProfile {

    public static final String TOPIC = "coded-video";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mp.messaging.incoming.frames.topic", TOPIC,
                "mp.messaging.incoming.frames.group.id", "coded-video-test",
                "mp.messaging.incoming.frames.auto.offset.reset", "earliest",
                "camstream.max-lag", "5s",
                // 320x240 at most: what the tests send, and a limit to test.
                "camstream.max-pixels", "76800");
    }
}
