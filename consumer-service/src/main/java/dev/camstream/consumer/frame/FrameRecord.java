package dev.camstream.consumer.frame;

/** A record that passed the checks of wire format v1, its JPEG not yet decoded. */
public record FrameRecord(String cameraId, long seq, long captureTimeMicros, int width, int height, byte[] jpeg) {

    @Override
    public String toString() {
        return "FrameRecord[" + cameraId + " #" + seq + ", " + width + "x" + height + ", " + jpeg.length + " B]";
    }
}
