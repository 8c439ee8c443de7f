package dev.camstream.producer.registry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.camstream.producer.camera.Camera;
import dev.camstream.producer.camera.CamstreamConfig;
import dev.camstream.producer.camera.InvalidCameraConfigException;

/**
 * Adds, changes and removes cameras by writing the registry; the instance that owns a camera's partition
 * applies the change. A write returns once the broker has it durably.
 */
@ApplicationScoped
public class CameraRegistry {

    private static final long WRITE_TIMEOUT_SECONDS = 10;

    private final CamstreamConfig config;
    private final RegistryClients clients;
    private final RegistryFormat format;
    private final RegistryView view;
    private final Instance instance;
    private final Placeholders placeholders = Placeholders.ofThisInstance();
    private KafkaProducer<String, byte[]> writer;

    public CameraRegistry(CamstreamConfig config, RegistryClients clients, RegistryFormat format, RegistryView view,
            Instance instance) {
        this.config = config;
        this.clients = clients;
        this.format = format;
        this.view = view;
        this.instance = instance;
    }

    /**
     * Adds or changes a camera. It is checked as the configuration is, its placeholders resolved on this
     * instance: {@link InvalidCameraConfigException} names every problem.
     */
    public Camera put(String cameraId, CameraDefinition definition) {
        requireEnabled();
        Camera camera = definition.toCamera(cameraId, config.defaults(), placeholders);
        write(cameraId, Optional.of(definition), followedConfiguration(cameraId));
        return camera;
    }

    /** Removes a camera; false if the registry has no such camera. */
    public boolean remove(String cameraId) {
        requireEnabled();
        if (!view.defines(cameraId)) {
            return false;
        }
        write(cameraId, Optional.empty(), followedConfiguration(cameraId));
        return true;
    }

    /** Every camera of the registry, by id. */
    public Map<String, CameraDefinition> cameras() {
        return view.cameras();
    }

    public boolean enabled() {
        return config.registry().enabled();
    }

    /** A change through the API keeps following the configured definition the camera's last record followed. */
    private Optional<String> followedConfiguration(String cameraId) {
        return view.entry(cameraId).flatMap(RegistryView.Entry::configHash);
    }

    synchronized void write(String cameraId, Optional<CameraDefinition> definition, Optional<String> configHash) {
        if (writer == null) {
            writer = clients.writer("camstream-registry-writer-" + instance.name());
        }
        byte[] value = definition.map(format::write).orElse(null);
        try {
            writer.send(new ProducerRecord<>(config.registry().topic(), null, cameraId, value,
                    RegistryFormat.headers(configHash))).get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new RegistryUnavailableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(e);
        }
    }

    private void requireEnabled() {
        if (!enabled()) {
            throw new RegistryUnavailableException(null);
        }
        // Not before the registry is read: its topics exist by then, and a change is checked against it.
        if (!view.caughtUp()) {
            throw new RegistryUnavailableException(new IllegalStateException("registry not read yet"));
        }
    }

    @PreDestroy
    synchronized void close() {
        if (writer != null) {
            writer.close(java.time.Duration.ofSeconds(2));
        }
    }
}
