package dev.camstream.consumer.store;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.detect.DetectionRecord;
import dev.camstream.consumer.memory.LeastRecentlyUsed;

/**
 * Each camera's latest detection record, analysed here or by another replica of the group (the newest by
 * capture time wins; of one frame, the last written): what {@code /detections/latest} answers and annotated
 * frames draw. At most {@code max-cameras} cameras, those updated longest ago forgotten first.
 */
@ApplicationScoped
public class DetectionFeed {

    private final Map<String, DetectionRecord> latest;

    public DetectionFeed(ConsumerSettings config) {
        this.latest = new LeastRecentlyUsed<>(config.maxCameras());
    }

    /** Takes a record if it is not older than the camera's latest; whether it did. */
    public synchronized boolean update(DetectionRecord record) {
        DetectionRecord known = latest.get(record.camera());
        if (known != null && record.capturedAt().isBefore(known.capturedAt())) {
            return false;
        }
        latest.put(record.camera(), record);
        return true;
    }

    public synchronized Optional<DetectionRecord> latest(String camera) {
        return Optional.ofNullable(latest.get(camera));
    }
}
