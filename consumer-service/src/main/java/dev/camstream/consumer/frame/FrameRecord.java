package dev.camstream.consumer.frame;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A record that passed the checks of its wire format, not yet decoded: a JPEG (v1, {@code video} null) or
 * one access unit of a camera's H.264/H.265 (v2) in {@code data}.
 */
public record FrameRecord(String cameraId, long seq, long captureTimeMicros, int width, int height, byte[] data,
        VideoUnit video) {

    public static FrameRecord jpeg(String cameraId, long seq, long captureTimeMicros, int width, int height, byte[] jpeg) {
        return new FrameRecord(cameraId, seq, captureTimeMicros, width, height, jpeg, null);
    }

    public boolean isJpeg() {
        return video == null;
    }

    /** The JPEG of a v1 frame; a v2 unit has none, and asking for it is a bug. */
    public byte[] jpeg() {
        if (!isJpeg()) {
            throw new IllegalStateException(this + " is an access unit, not a JPEG");
        }
        return data;
    }

    /** The capture time, to the microsecond. */
    public Instant capturedAt() {
        return Instant.EPOCH.plus(captureTimeMicros, ChronoUnit.MICROS);
    }

    @Override
    public String toString() {
        return "FrameRecord[" + cameraId + " #" + seq + ", " + width + "x" + height + ", "
                + (isJpeg() ? "jpeg" : video.codec().wireName() + (video.keyframe() ? " key" : "")) + ", "
                + data.length + " B]";
    }
}
