package dev.camstream.producer.grab;

import java.time.Duration;
import java.util.function.Function;

import dev.camstream.producer.camera.Camera;
import dev.camstream.producer.status.CameraMetrics;
import dev.camstream.producer.status.CameraStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A camera's worker on a thread of its own, as the camera manager runs it, for tests; {@link #stop()} ends it. */
record RunningCamera(CameraWorker worker, CameraStatus status, Thread thread) {

    static RunningCamera start(Camera camera, FrameSink sink, Function<Camera, VideoInput> inputs) {
        CameraStatus status = new CameraStatus(camera);
        CameraWorker worker = new CameraWorker(camera, status, CameraMetrics.register(new SimpleMeterRegistry(), status),
                sink, new Backoff(Duration.ofMillis(20), Duration.ofMillis(80)), inputs);
        Thread thread = new Thread(worker, "camera-" + camera.id());
        thread.start();
        return new RunningCamera(worker, status, thread);
    }

    void stop() throws InterruptedException {
        worker.stop();
        thread.join(5_000);
    }
}
