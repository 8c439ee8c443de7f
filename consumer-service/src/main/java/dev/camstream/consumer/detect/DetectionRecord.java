package dev.camstream.consumer.detect;

import java.time.Instant;
import java.util.List;

/**
 * What one detector found in one frame of a camera (detection format v1, docs/detection-format.md): written
 * for every analysed frame, {@code objects} empty when it found nothing, so that "nothing there" reads
 * apart from "not analysed". {@code width} and {@code height} are the frame's; boxes are in its pixels.
 */
public record DetectionRecord(String camera, long seq, Instant capturedAt, int width, int height, String detector,
        List<DetectedObject> objects, Instant analysedAt, double inferenceMs, String replica) {

    public DetectionRecord {
        objects = List.copyOf(objects);
    }
}
