package dev.camstream.consumer.analysis;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The consumer on topics of its own on a real broker, following a camera registry the test writes as the
 * producers would, with a short idle interval and a configured model whose file does not exist.
 */
public class AnalysisProfile implements QuarkusTestProfile {

    public static final String FRAMES = "analysis-frames";
    public static final String REGISTRY = "analysis-cameras";
    public static final String DETECTIONS = "analysis-detections";
    public static final String MISSING_MODEL = "/nonexistent/models/broken.tflite";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("mp.messaging.incoming.frames.topic", FRAMES),
                Map.entry("mp.messaging.incoming.frames.group.id", "analysis-it"),
                Map.entry("mp.messaging.incoming.frames.auto.offset.reset", "earliest"),
                Map.entry("camstream.max-lag", "1h"),
                Map.entry("camstream.statistics.topic", "analysis-stats"),
                Map.entry("camstream.analysis.registry-topic", REGISTRY),
                Map.entry("camstream.analysis.follow-registry", "true"),
                Map.entry("camstream.analysis.idle-interval", "3s"),
                Map.entry("camstream.detections.topic", DETECTIONS),
                Map.entry("camstream.detectors.broken.model", MISSING_MODEL));
    }
}
