package dev.camstream.producer.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * A camera's meters, tagged with its id only (validated at start-up; never its URL). Counters read the
 * camera's own {@link CameraStatus}, so REST and Prometheus can never disagree.
 */
public final class CameraMetrics {

    private final Timer grab;
    private final Timer encode;

    private CameraMetrics(Timer grab, Timer encode) {
        this.grab = grab;
        this.encode = encode;
    }

    public static CameraMetrics register(MeterRegistry registry, CameraStatus status) {
        Tags camera = Tags.of("camera", status.id());
        counter(registry, "camstream.producer.frames.grabbed", "Frames decoded from the camera", camera, status,
                s -> s.snapshot().framesGrabbed());
        counter(registry, "camstream.producer.frames.sent", "Frames the broker acknowledged", camera, status,
                s -> s.snapshot().framesSent());
        counter(registry, "camstream.producer.bytes.sent", "JPEG bytes the broker acknowledged", camera, status,
                s -> s.snapshot().bytesSent());
        counter(registry, "camstream.producer.reconnects", "Attempts to reopen the camera", camera, status,
                s -> s.snapshot().reconnects());
        dropped(registry, camera, status, "backpressure", s -> s.snapshot().droppedBackpressure());
        dropped(registry, camera, status, "too-large", s -> s.snapshot().droppedTooLarge());
        dropped(registry, camera, status, "send-failed", s -> s.snapshot().droppedSendFailed());
        dropped(registry, camera, status, "rate-limit", s -> s.snapshot().rateLimited());
        Gauge.builder("camstream.producer.last.frame.age", status, CameraMetrics::secondsSinceLastFrame)
                .description("Seconds since the camera's last frame; -1 before the first").tags(camera)
                .baseUnit("seconds").register(registry);
        for (CameraState state : List.of(CameraState.values())) {
            Gauge.builder("camstream.producer.camera.state", status, s -> s.state() == state ? 1 : 0)
                    .description("1 for the camera's current state, 0 for the others")
                    .tags(camera.and("state", state.label())).register(registry);
        }
        return new CameraMetrics(timer(registry, "camstream.producer.grab", "Time to grab and decode a frame", camera),
                timer(registry, "camstream.producer.encode", "Time to convert a frame to BGR and encode it as JPEG", camera));
    }

    public void grabbed(long nanos) {
        grab.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void encoded(long nanos) {
        encode.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Takes every series of this camera out of the registry: it is no longer grabbed here. */
    public static void remove(MeterRegistry registry, String cameraId) {
        registry.getMeters().stream().filter(meter -> cameraId.equals(meter.getId().getTag("camera"))).toList()
                .forEach(registry::remove);
    }

    private static double secondsSinceLastFrame(CameraStatus status) {
        Instant last = status.snapshot().lastFrameAt();
        return last == null ? -1 : Duration.between(last, Instant.now()).toMillis() / 1000.0;
    }

    private static void counter(MeterRegistry registry, String name, String description, Tags tags,
            CameraStatus status, ToDoubleFunction<CameraStatus> value) {
        FunctionCounter.builder(name, status, value).description(description).tags(tags).register(registry);
    }

    private static void dropped(MeterRegistry registry, Tags camera, CameraStatus status, String reason,
            ToDoubleFunction<CameraStatus> value) {
        counter(registry, "camstream.producer.frames.dropped", "Frames not sent, by reason", camera.and("reason", reason),
                status, value);
    }

    private static Timer timer(MeterRegistry registry, String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
    }
}
