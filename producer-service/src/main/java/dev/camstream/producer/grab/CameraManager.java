package dev.camstream.producer.camera;

import static org.bytedeco.opencv.global.opencv_core.setNumThreads;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts one grabber thread per configured camera when the service starts and stops them when it stops.
 * A configuration that cannot work stops the start-up with a message naming the cameras at fault.
 */
@ApplicationScoped
public class CameraManager {

    private static final Logger LOG = Logger.getLogger(CameraManager.class);
    private static final long STOP_WAIT_MILLIS = 3_000;
    private static final long WATCHDOG_PERIOD_MILLIS = 500;

    private final CamstreamConfig config;
    private final FrameSink sink;
    private final MeterRegistry registry;
    // Written once at start-up, then only read: immutable, published through volatile.
    private volatile Map<String, CameraStatus> statuses = Map.of();
    private volatile List<CameraWorker> workers = List.of();
    private volatile List<Thread> threads = List.of();
    private ScheduledExecutorService watchdog;

    public CameraManager(CamstreamConfig config, FrameSink sink, MeterRegistry registry) {
        this.config = config;
        this.sink = sink;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        List<Camera> cameras = CameraCatalog.load(config);
        if (cameras.isEmpty()) {
            LOG.warn("No cameras configured: set CAMSTREAM_CAMERAS=id=url,... or camstream.cameras.<id>.url");
            return;
        }
        FFmpegLogging.install();
        // Each camera already has its own thread: OpenCV's thread pool would only add hand-offs and spinning
        // (measured by deploy/bench: with it, the same OpenCV work took twice the CPU per frame).
        setNumThreads(1);
        Map<String, CameraStatus> statuses = new LinkedHashMap<>();
        List<CameraWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (Camera camera : cameras) {
            CameraStatus status = new CameraStatus(camera);
            CameraWorker worker = new CameraWorker(camera, status, CameraMetrics.register(registry, status), sink,
                    new Backoff(config.reconnect().initialDelay(), config.reconnect().maxDelay()), VideoInput::of);
            // A platform thread per camera: grabbing blocks in native code, never on the event loop.
            Thread thread = new Thread(worker, "camera-" + camera.id());
            thread.setDaemon(true);
            statuses.put(camera.id(), status);
            workers.add(worker);
            threads.add(thread);
        }
        this.statuses = Collections.unmodifiableMap(statuses);
        this.workers = List.copyOf(workers);
        this.threads = List.copyOf(threads);
        threads.forEach(Thread::start);
        // A camera thread can be blocked in a read for up to its timeout; its state must not wait for that.
        watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "camera-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleAtFixedRate(() -> this.statuses.values().forEach(status -> status.checkSilence(Instant.now())),
                WATCHDOG_PERIOD_MILLIS, WATCHDOG_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        LOG.infof("Started %d camera(s): %s", cameras.size(), String.join(", ", statuses.keySet()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        workers.forEach(CameraWorker::stop);
        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public List<CameraSnapshot> snapshots() {
        return statuses.values().stream().map(CameraStatus::snapshot).toList();
    }

    public Optional<CameraStatus> status(String cameraId) {
        return Optional.ofNullable(statuses.get(cameraId));
    }

    /** False if a camera thread ended while the service runs: never expected, as every failure is retried. */
    public boolean workersAlive() {
        return threads.stream().allMatch(Thread::isAlive);
    }
}
