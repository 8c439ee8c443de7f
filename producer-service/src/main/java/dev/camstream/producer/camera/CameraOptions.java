package dev.camstream.producer.camera;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How one camera's frames are taken and encoded. {@code jpegQuality}, {@code maxFps} and {@code maxWidth} shape
 * JPEG frames only: in passthrough the camera's own stream is sent as it is.
 */
public record CameraOptions(Encoding encoding, int jpegQuality, OptionalDouble maxFps, OptionalInt maxWidth,
        String rtspTransport, Duration timeout) {
}
