package dev.camstream.consumer.frame;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A record that passed the checks of wire format v1, its JPEG not yet decoded. */
public record FrameRecord(String cameraId, long seq, long captureTimeMicros, int width, int height, byte[] jpeg) {

    /** The capture time, to the microsecond. */
    public Instant capturedAt() {
        return Instant.EPOCH.plus(captureTimeMicros, ChronoUnit.MICROS);
    }

    @Override
    public String toString() {
        return "FrameRecord[" + cameraId + " #" + seq + ", " + width + "x" + height + ", " + jpeg.length + " B]";
    }
}
