package dev.camstream.producer.registry;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The registry on a real broker, a password on the camera API, and one configured camera. */
public class CameraApiProfile implements QuarkusTestProfile {

    static final String PASSWORD = "api-S3cret";
    static final String CONFIG_PASSWORD_NAME = "CAMERA_TEST_PASSWORD";
    static final String CONFIG_PASSWORD = "pw-In-Config";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "camstream.registry.enabled", "true",
                "camstream.registry.topic", "api-cameras",
                "camstream.registry.status-topic", "api-cameras.status",
                "camstream.registry.status-interval", "500ms",
                "camstream.camera-list", "conf=testsrc?size=160x120&rate=5,"
                        + "vault=rtsp://viewer:${CAMERA_TEST_PASSWORD}@127.0.0.1:9/stream",
                CONFIG_PASSWORD_NAME, CONFIG_PASSWORD,
                "mp.messaging.outgoing.frames.topic", "api-frames",
                "quarkus.security.users.embedded.users.admin", PASSWORD);
    }
}
