package dev.camstream.consumer.history;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The consumer on a one-partition topic of a real broker, with small limits to test them by. */
public class FrameHistoryProfile implements QuarkusTestProfile {

    public static final String TOPIC = "frames-history";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mp.messaging.incoming.frames.topic", TOPIC,
                "mp.messaging.incoming.frames.group.id", "history-test",
                "mp.messaging.incoming.frames.auto.offset.reset", "earliest",
                "camstream.max-lag", "1h",
                "camstream.history.longest-clip", "1m",
                "camstream.history.exports", "1");
    }
}
