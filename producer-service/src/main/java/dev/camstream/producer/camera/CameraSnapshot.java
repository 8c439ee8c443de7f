package dev.camstream.producer.camera;

import java.time.Instant;

/** A camera's status at one moment, as {@code GET /cameras} and readiness show it. Never holds a password. */
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
        Instant lastFrameAt,
        String lastError) {
}
