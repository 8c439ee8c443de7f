package dev.camstream.consumer.kafka;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Few camera slots and a short expiry, so a flood fills them in a test's time. */
public class JunkRecordsProfile implements QuarkusTestProfile {

    static final int MAX_CAMERAS = 4;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("camstream.max-cameras", Integer.toString(MAX_CAMERAS), "camstream.camera-expiry", "3s");
    }
}
