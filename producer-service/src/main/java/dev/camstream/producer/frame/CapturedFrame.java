package dev.camstream.producer.frame;

/**
 * One frame of one camera, ready to become a Kafka record: a JPEG made here (wire format v1, {@code video}
 * null) or one access unit of the camera's own stream (wire format v2). {@code report} hears what became of it.
 */
public record CapturedFrame(String cameraId, long seq, long captureTimeMicros, int width, int height, byte[] data,
        CodedVideo video, DeliveryReport report) {

    public static CapturedFrame jpeg(String cameraId, long seq, long captureTimeMicros, int width, int height,
            byte[] jpeg, DeliveryReport report) {
        return new CapturedFrame(cameraId, seq, captureTimeMicros, width, height, jpeg, null, report);
    }

    public boolean isJpeg() {
        return video == null;
    }

    @Override
    public String toString() {
        return "CapturedFrame[" + cameraId + " #" + seq + ", " + width + "x" + height + ", "
                + (isJpeg() ? "jpeg" : video.codec().wireName() + (video.keyframe() ? " key" : "")) + ", "
                + data.length + " B]";
    }
}
