package dev.camstream.producer.status;

import java.time.Instant;

import dev.camstream.producer.frame.ColourDescription;

/**
 * A camera's status at one moment, as {@code GET /cameras} and readiness show it: size and colour description
 * are those of the last frame sent (0 and null before the first); {@code encoding} says how its frames travel,
 * and {@code awaitingKeyframe} counts passed-through units not sent because no keyframe preceded them.
 * Never holds a password.
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
        long awaitingKeyframe,
        long reconnects,
        double fps,
        int width,
        int height,
        EncodingStatus encoding,
        ColourDescription colour,
        Instant lastFrameAt,
        String lastError) {

    /** A camera of the registry that no instance reports grabbing: no counters, its URL masked. */
    public static CameraSnapshot waiting(String id, String maskedUrl) {
        return new CameraSnapshot(id, null, maskedUrl, CameraState.WAITING, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null,
                null, null, null);
    }

    /** The same camera, failed with this reason before it could be grabbed. */
    public CameraSnapshot failed(String reason) {
        return new CameraSnapshot(id, source, url, CameraState.FAILED, framesGrabbed, framesSent, bytesSent, dropped,
                droppedBackpressure, droppedTooLarge, droppedSendFailed, rateLimited, awaitingKeyframe, reconnects, fps,
                width, height, encoding, colour, lastFrameAt, reason);
    }
}
