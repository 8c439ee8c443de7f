package dev.camstream.consumer.analysis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.camstream.consumer.detect.DetectedObject;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Analysis meters of a camera, tagged with its id (and the detector, or an object's label): only cameras that
 * hold a slot are analysed, so their number stays bounded, and their series go with the camera's others when
 * it gives its slot up. Labels come from the detectors, never from the input.
 */
@ApplicationScoped
public class AnalysisMeters {

    private final MeterRegistry registry;

    public AnalysisMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void analysed(String camera, String detector, long nanos, List<DetectedObject> objects) {
        Counter.builder("camstream.consumer.detections").description("Frames a detector analysed")
                .tags("camera", camera, "detector", detector).register(registry).increment();
        Timer.builder("camstream.consumer.inference").description("One detector's time on one frame")
                .tags("camera", camera, "detector", detector).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        for (DetectedObject object : objects) {
            Counter.builder("camstream.consumer.objects").description("Objects found, by label")
                    .tags("camera", camera, "label", object.label()).register(registry).increment();
        }
    }

    /** A frame due for analysis was not analysed: a newer one of its camera replaced it, or image memory was short. */
    void skipped(String camera) {
        Counter.builder("camstream.consumer.detections.skipped")
                .description("Frames due for analysis that a newer frame replaced, or that image memory did not allow")
                .tags("camera", camera).register(registry).increment();
    }
}
