package dev.camstream.producer.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private final Placeholders placeholders = new Placeholders(name -> Optional.ofNullable(
            Map.of("DOOR_PASSWORD", "s3cret$1\\x", "HOST", "10.0.0.5").get(name)));

    @Test
    void fillsInEveryPlaceholderFromTheInstance() {
        assertThat(placeholders.resolve("rtsp://viewer:${DOOR_PASSWORD}@${HOST}:554/stream"))
                .isEqualTo("rtsp://viewer:s3cret$1\\x@10.0.0.5:554/stream");
        assertThat(placeholders.resolve("testsrc")).isEqualTo("testsrc");
    }

    @Test
    void namesAMissingPlaceholderWithoutAnyValue() {
        assertThatThrownBy(() -> placeholders.resolve("rtsp://viewer:${DOOR_PASSWORD}@${NVR_HOST}/x"))
                .hasMessage("placeholder ${NVR_HOST} is not set on this instance")
                .hasMessageNotContaining("s3cret");
    }
}
