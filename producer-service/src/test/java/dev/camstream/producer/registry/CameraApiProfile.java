package dev.camstream.producer.registry;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The registry on a real broker, a password on the camera API, and one configured camera. */
public class CameraApiProfile implements QuarkusTestProfile {

    static final String PASSWORD = "api-S3cret";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "camstream.registry.enabled", "true",
                "camstream.registry.topic", "api-cameras",
                "camstream.registry.status-topic", "api-cameras.status",
                "camstream.registry.status-interval", "500ms",
                "camstream.camera-list", "conf=testsrc?size=160x120&rate=5",
                "mp.messaging.outgoing.frames.topic", "api-frames",
                "quarkus.security.users.embedded.users.admin", PASSWORD);
    }
}
