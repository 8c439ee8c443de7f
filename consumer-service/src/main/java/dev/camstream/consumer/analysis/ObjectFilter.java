package dev.camstream.consumer.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.camstream.consumer.detect.DetectedObject;
import dev.camstream.consumer.detect.Detection;

/**
 * What a camera's settings keep of what a detector found: objects scoring at least {@code min-score}, of its
 * labels, standing outside its masks, each named with the zones it stands in. An object stands where its
 * box's bottom centre is.
 */
final class ObjectFilter {

    private ObjectFilter() {
    }

    static List<DetectedObject> keep(List<Detection> found, AnalysisSettings settings, int width, int height) {
        List<DetectedObject> kept = new ArrayList<>();
        for (Detection detection : found) {
            if (detection.score() < settings.minScore()
                    || !settings.labels().isEmpty() && !settings.labels().contains(detection.label())) {
                continue;
            }
            double x = detection.box().footX() / width;
            double y = Math.min(detection.box().footY(), height - 0.5) / height;
            if (settings.masks().stream().anyMatch(mask -> mask.contains(x, y))) {
                continue;
            }
            List<String> zones = new ArrayList<>();
            for (Map.Entry<String, Polygon> zone : settings.zones().entrySet()) {
                if (zone.getValue().contains(x, y)) {
                    zones.add(zone.getKey());
                }
            }
            kept.add(new DetectedObject(detection.label(), Math.round(detection.score() * 1000) / 1000.0,
                    detection.box(), zones));
        }
        return kept;
    }
}
