package dev.camstream.producer.registry;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import dev.camstream.producer.camera.CamstreamConfig;
import dev.camstream.producer.grab.CameraManager;
import dev.camstream.producer.registry.RegistryFormat.CameraStatusRecord;
import dev.camstream.producer.status.CameraSnapshot;

/**
 * Publishes, every {@code status-interval}, the state and counters of each camera this instance grabs to
 * the status topic, so that every instance can list every camera with the instance that grabs it. A camera
 * removed from the registry gets a tombstone there too.
 */
@ApplicationScoped
public class StatusPublisher {

    private static final Logger LOG = Logger.getLogger(StatusPublisher.class);

    private final CamstreamConfig.RegistryConfig settings;
    private final RegistryClients clients;
    private final RegistryFormat format;
    private final CameraManager cameras;
    private final Instance instance;
    private final Set<String> published = new HashSet<>();
    private KafkaProducer<String, byte[]> producer;

    public StatusPublisher(CamstreamConfig config, RegistryClients clients, RegistryFormat format,
            CameraManager cameras, Instance instance) {
        this.settings = config.registry();
        this.clients = clients;
        this.format = format;
        this.cameras = cameras;
        this.instance = instance;
    }

    /** One round: every camera grabbed here; called on one thread at the status interval. */
    synchronized void publish(RegistryView view) {
        if (producer == null) {
            producer = clients.writer("camstream-status-" + instance.name());
        }
        Set<String> now = new HashSet<>();
        Instant at = Instant.now();
        for (CameraSnapshot camera : cameras.snapshots()) {
            now.add(camera.id());
            send(camera.id(), format.write(new CameraStatusRecord(instance.name(), at, camera)));
        }
        // Cameras that left: removed from the registry (their state goes too), or moved (the new owner's
        // state replaces ours within an interval).
        for (String gone : published) {
            if (!now.contains(gone) && !view.defines(gone)) {
                send(gone, null);
            }
        }
        published.clear();
        published.addAll(now);
    }

    private void send(String cameraId, byte[] value) {
        producer.send(new ProducerRecord<>(settings.statusTopic(), cameraId, value), (metadata, failure) -> {
            if (failure != null) {
                LOG.debugf("State of %s not published: %s", cameraId, failure.getMessage());
            }
        });
    }

    synchronized void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(2));
            producer = null;
        }
    }
}
