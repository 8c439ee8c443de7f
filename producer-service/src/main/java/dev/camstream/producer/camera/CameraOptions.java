package dev.camstream.producer.camera;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** How one camera's frames are taken and encoded. */
public record CameraOptions(int jpegQuality, OptionalDouble maxFps, OptionalInt maxWidth, String rtspTransport,
        Duration timeout) {
}
