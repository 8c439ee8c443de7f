package dev.camstream.producer.frame;

/** One grabbed and encoded frame of one camera, ready to become a Kafka record; {@code report} hears what became of it. */
public record CapturedFrame(String cameraId, long seq, long captureTimeMicros, int width, int height, byte[] jpeg,
        DeliveryReport report) {

    @Override
    public String toString() {
        return "CapturedFrame[" + cameraId + " #" + seq + ", " + width + "x" + height + ", " + jpeg.length + " B]";
    }
}
