package dev.camstream.consumer.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * A camera's meters on the consumer, tagged with its id only: ids are validated before a camera takes a slot
 * and slots are capped by {@code max-cameras}, so the number of time series stays bounded whatever the input.
 */
public record CameraMeters(Timer latency, Timer decode, Timer statistics, Timer annotate) {

    private static final String TAG = "camera";

    static CameraMeters register(MeterRegistry registry, String cameraId, CameraCounters counters) {
        Tags camera = Tags.of(TAG, cameraId);
        counter(registry, "camstream.consumer.frames.processed", "Frames decoded and measured", camera, counters,
                CameraCounters::frames);
        counter(registry, "camstream.consumer.frames.skipped", "Stale frames skipped to stay live", camera, counters,
                CameraCounters::skippedFrames);
        counter(registry, "camstream.consumer.sequence.gaps", "Frames missing from the camera's sequence", camera,
                counters, CameraCounters::dropped);
        counter(registry, "camstream.consumer.frames.rejected", "Records of this camera that broke the wire format",
                camera, counters, CameraCounters::rejectedRecords);
        Timer latency = Timer.builder("camstream.consumer.latency").description("Capture to statistics computed")
                .tags(camera).publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .distributionStatisticExpiry(Duration.ofMinutes(1)).register(registry);
        return new CameraMeters(latency, timer(registry, "camstream.consumer.decode", "JPEG decoding", camera),
                timer(registry, "camstream.consumer.statistics", "Statistics and motion", camera),
                timer(registry, "camstream.consumer.annotate", "Drawing and encoding the annotated frame", camera));
    }

    /** Records how long processing a frame took, and how long after its capture it was done. */
    void record(ProcessingTimes times) {
        decode.record(times.decodeNanos(), TimeUnit.NANOSECONDS);
        statistics.record(times.statisticsNanos(), TimeUnit.NANOSECONDS);
        latency.record(Math.max(0, times.latencyMicros()), TimeUnit.MICROSECONDS);
    }

    /** Takes every series of this camera out of the registry: the camera gave its slot up. */
    static void remove(MeterRegistry registry, String cameraId) {
        registry.getMeters().stream().filter(meter -> cameraId.equals(meter.getId().getTag(TAG))).toList()
                .forEach(registry::remove);
    }

    private static void counter(MeterRegistry registry, String name, String description, Tags tags,
            CameraCounters counters, ToDoubleFunction<CameraCounters> value) {
        FunctionCounter.builder(name, counters, value).description(description).tags(tags).register(registry);
    }

    private static Timer timer(MeterRegistry registry, String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
    }
}
