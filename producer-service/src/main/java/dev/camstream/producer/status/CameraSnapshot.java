package dev.camstream.producer.camera;

import java.time.Instant;

import dev.camstream.producer.frame.ColourDescription;

/**
 * A camera's status at one moment, as {@code GET /cameras} and readiness show it: size and colour description
 * are those of the last frame sent (0 and null before the first). Never holds a password.
 */
public record CameraSnapshot(
        String id,
        String source,
        String url,
        CameraState state,
        long framesGrabbed,
        long framesSent,
        long bytesSent,
        long dropped,
        long droppedBackpressure,
        long droppedTooLarge,
        long droppedSendFailed,
        long rateLimited,
        long reconnects,
        double fps,
        int width,
        int height,
        ColourDescription colour,
        Instant lastFrameAt,
        String lastError) {
}
