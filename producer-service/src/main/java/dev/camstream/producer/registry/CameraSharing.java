package dev.camstream.producer.registry;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.camstream.producer.camera.Camera;
import dev.camstream.producer.camera.CameraCatalog;
import dev.camstream.producer.camera.CamstreamConfig;
import dev.camstream.producer.grab.CameraManager;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Puts it all together at start-up. A configuration that cannot work stops the start-up with a message
 * naming the cameras at fault. With the registry: create its topics if missing, read it, write the
 * configured cameras to it (see {@link ConfigSeeding}), then join the instances' group and grab the cameras
 * assigned here, and publish their state. Without it: grab the configured cameras, alone.
 */
@ApplicationScoped
public class CameraSharing {

    private static final Logger LOG = Logger.getLogger(CameraSharing.class);
    private static final long RETRY_MILLIS = 2_000;

    private final CamstreamConfig config;
    private final CameraManager cameras;
    private final RegistryClients clients;
    private final RegistryView view;
    private final CameraRegistry registry;
    private final RegistryFormat format;
    private final CameraOwnership ownership;
    private final StatusPublisher status;
    private volatile boolean running = true;
    private ScheduledExecutorService statusTimer;

    public CameraSharing(CamstreamConfig config, CameraManager cameras, RegistryClients clients, RegistryView view,
            CameraRegistry registry, RegistryFormat format, CameraOwnership ownership, StatusPublisher status) {
        this.config = config;
        this.cameras = cameras;
        this.clients = clients;
        this.view = view;
        this.registry = registry;
        this.format = format;
        this.ownership = ownership;
        this.status = status;
    }

    void start(@Observes StartupEvent startup) {
        List<Camera> configured = CameraCatalog.load(config);
        if (!config.registry().enabled()) {
            if (configured.isEmpty()) {
                LOG.warn("No cameras configured: set CAMSTREAM_CAMERAS=id=url,... or camstream.cameras.<id>.url");
            }
            configured.forEach(cameras::grab);
            return;
        }
        daemon("camera-registry", () -> join(configured)).start();
    }

    private void join(List<Camera> configured) {
        try {
            createTopics();
            daemon("camera-registry-view", view::follow).start();
            while (running && !view.caughtUp()) {
                Thread.sleep(50);
            }
            if (!running) {
                return;
            }
            new ConfigSeeding(view, registry, format).seed(configured);
            LOG.infof("Camera registry %s read: %d cameras; sharing them in group %s", config.registry().topic(),
                    view.cameras().size(), config.registry().group());
            daemon("camera-ownership", ownership::share).start();
            statusTimer = Executors.newSingleThreadScheduledExecutor(task -> daemon("camera-status", task));
            long interval = config.registry().statusInterval().toMillis();
            statusTimer.scheduleAtFixedRate(this::publishStatus, interval, interval, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "The camera registry could not be joined; this instance grabs no camera");
        }
    }

    private void createTopics() throws InterruptedException {
        while (running) {
            try {
                clients.createTopics();
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                LOG.warnf("Camera registry topics not ready (%s); trying again in %d s",
                        e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), RETRY_MILLIS / 1000);
                Thread.sleep(RETRY_MILLIS);
            }
        }
    }

    private void publishStatus() {
        try {
            status.publish(view);
        } catch (RuntimeException e) {
            LOG.debugf("Camera states not published: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (statusTimer != null) {
            statusTimer.shutdownNow();
        }
        ownership.stop();
        view.stop();
        status.close();
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
