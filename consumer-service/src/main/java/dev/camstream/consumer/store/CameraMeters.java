package dev.camstream.consumer.store;

import java.time.Duration;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * A camera's meters on the consumer, tagged with its id only: ids are validated before a feed exists and
 * feeds are capped by {@code max-cameras}, so the number of time series stays bounded whatever the input.
 */
public record CameraMeters(Timer latency, Timer decode, Timer statistics, Timer annotate) {

    private static final String TAG = "camera";

    static CameraMeters register(MeterRegistry registry, CameraFeed feed) {
        Tags camera = Tags.of(TAG, feed.id());
        counter(registry, "camstream.consumer.frames.processed", "Frames decoded and measured", camera, feed,
                CameraFeed::frames);
        counter(registry, "camstream.consumer.frames.skipped", "Stale frames skipped to stay live", camera, feed,
                CameraFeed::skippedCount);
        counter(registry, "camstream.consumer.sequence.gaps", "Frames missing from the camera's sequence", camera, feed,
                CameraFeed::dropped);
        counter(registry, "camstream.consumer.frames.rejected", "Records of this camera that broke the wire format",
                camera, feed, CameraFeed::rejectedCount);
        Timer latency = Timer.builder("camstream.consumer.latency").description("Capture to statistics computed")
                .tags(camera).publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .distributionStatisticExpiry(Duration.ofMinutes(1)).register(registry);
        return new CameraMeters(latency, timer(registry, "camstream.consumer.decode", "JPEG decoding", camera),
                timer(registry, "camstream.consumer.statistics", "Statistics and motion", camera),
                timer(registry, "camstream.consumer.annotate", "Drawing and encoding the annotated frame", camera));
    }

    /** Takes every series of this camera out of the registry: the camera gave its slot up. */
    static void remove(MeterRegistry registry, String cameraId) {
        registry.getMeters().stream().filter(meter -> cameraId.equals(meter.getId().getTag(TAG))).toList()
                .forEach(registry::remove);
    }

    private static void counter(MeterRegistry registry, String name, String description, Tags tags, CameraFeed feed,
            ToDoubleFunction<CameraFeed> value) {
        FunctionCounter.builder(name, feed, value).description(description).tags(tags).register(registry);
    }

    private static Timer timer(MeterRegistry registry, String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
    }
}
