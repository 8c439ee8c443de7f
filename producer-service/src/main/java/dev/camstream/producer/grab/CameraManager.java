package dev.camstream.producer.grab;

import static org.bytedeco.opencv.global.opencv_core.setNumThreads;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.camstream.producer.camera.Camera;
import dev.camstream.producer.camera.CamstreamConfig;
import dev.camstream.producer.status.CameraMetrics;
import dev.camstream.producer.status.CameraSnapshot;
import dev.camstream.producer.status.CameraStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The cameras this instance grabs, each on its own thread, started, changed and stopped at runtime, one
 * camera at a time: a change to one camera never interrupts another. Which cameras those are is decided
 * elsewhere (the registry's consumer group, or the configuration alone).
 */
@ApplicationScoped
public class CameraManager {

    private static final Logger LOG = Logger.getLogger(CameraManager.class);
    private static final long STOP_WAIT_MILLIS = 3_000;
    private static final long WATCHDOG_PERIOD_MILLIS = 500;

    private final CamstreamConfig config;
    private final FrameSink sink;
    private final MeterRegistry registry;
    private final Map<String, Grabber> grabbers = new ConcurrentHashMap<>();
    private ScheduledExecutorService watchdog;

    /** One camera being grabbed: its definition, worker, thread and status. */
    private record Grabber(Camera camera, CameraWorker worker, Thread thread, CameraStatus status) {
    }

    public CameraManager(CamstreamConfig config, FrameSink sink, MeterRegistry registry) {
        this.config = config;
        this.sink = sink;
        this.registry = registry;
    }

    @PostConstruct
    void start() {
        FFmpegLogging.install();
        // Each camera has its own thread: OpenCV's thread pool would only add hand-offs and spinning
        // (measured by deploy/bench: with it, the same OpenCV work took twice the CPU per frame).
        setNumThreads(1);
        // A camera thread can be blocked in a read for up to its timeout; its state must not wait for that.
        watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "camera-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleAtFixedRate(() -> grabbers.values().forEach(g -> g.status().checkSilence(Instant.now())),
                WATCHDOG_PERIOD_MILLIS, WATCHDOG_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Grabs {@code camera}: starts it if it is not grabbed here, restarts it if its definition changed, and
     * leaves it alone if it is the same.
     */
    public synchronized void grab(Camera camera) {
        Grabber running = grabbers.get(camera.id());
        if (running != null && running.camera().equals(camera)) {
            return;
        }
        if (running != null) {
            stop(running);
            LOG.infof("%s: changed, restarting (%s)", camera.id(), camera.source().redacted());
        }
        CameraStatus status = new CameraStatus(camera);
        CameraWorker worker = new CameraWorker(camera, status, CameraMetrics.register(registry, status), sink,
                new Backoff(config.reconnect().initialDelay(), config.reconnect().maxDelay()), VideoInput::of);
        // A platform thread per camera: grabbing blocks in native code, never on the event loop.
        Thread thread = new Thread(worker, "camera-" + camera.id());
        thread.setDaemon(true);
        thread.start();
        grabbers.put(camera.id(), new Grabber(camera, worker, thread, status));
        if (running == null) {
            LOG.infof("%s: grabbing from %s", camera.id(), camera.source().redacted());
        }
    }

    /** Stops grabbing the camera, if it is grabbed here. */
    public synchronized void release(String cameraId) {
        Grabber running = grabbers.get(cameraId);
        if (running != null) {
            stop(running);
            LOG.infof("%s: no longer grabbed here", cameraId);
        }
    }

    /** The ids of the cameras grabbed here. */
    public Set<String> grabbed() {
        return Set.copyOf(grabbers.keySet());
    }

    private void stop(Grabber grabber) {
        grabbers.remove(grabber.camera().id(), grabber);
        grabber.worker().stop();
        try {
            grabber.thread().join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CameraMetrics.remove(registry, grabber.camera().id());
    }

    void stopAll(@Observes ShutdownEvent event) {
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        List<Grabber> all = List.copyOf(grabbers.values());
        all.forEach(grabber -> grabber.worker().stop());
        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
        for (Grabber grabber : all) {
            try {
                grabber.thread().join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public List<CameraSnapshot> snapshots() {
        return grabbers.values().stream().map(g -> g.status().snapshot())
                .sorted(Comparator.comparing(CameraSnapshot::id)).toList();
    }

    public Optional<CameraStatus> status(String cameraId) {
        return Optional.ofNullable(grabbers.get(cameraId)).map(Grabber::status);
    }

    /** False if a camera thread ended while it should run: never expected, as every failure is retried. */
    public boolean workersAlive() {
        return grabbers.values().stream().allMatch(g -> g.thread().isAlive());
    }
}
