package dev.camstream.producer.registry;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import dev.camstream.producer.camera.CamstreamConfig;
import dev.camstream.producer.registry.RegistryFormat.CameraStatusRecord;

/**
 * Every camera of the registry and the latest state each instance published for its cameras, read by every
 * instance from both compacted topics, every partition, outside any group: what {@code GET /cameras} lists,
 * and what the API and the configuration check before they write.
 */
@ApplicationScoped
public class RegistryView {

    private static final Logger LOG = Logger.getLogger(RegistryView.class);
    private static final Duration POLL = Duration.ofMillis(500);

    /** The latest record of a camera in the registry: its definition, or a removal, and the configuration it follows. */
    public record Entry(Optional<CameraDefinition> definition, Optional<String> configHash) {
    }

    private final CamstreamConfig.RegistryConfig settings;
    private final RegistryClients clients;
    private final RegistryFormat format;
    private final Instance instance;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, CameraStatusRecord> statuses = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    public RegistryView(CamstreamConfig config, RegistryClients clients, RegistryFormat format, Instance instance) {
        this.settings = config.registry();
        this.clients = clients;
        this.format = format;
        this.instance = instance;
    }

    /** Reads both topics until stopped; returns when stopped. Run on a thread of its own. */
    void follow() {
        while (running) {
            try (KafkaConsumer<String, byte[]> reader = clients.reader("camstream-registry-view-" + instance.name(),
                    Optional.empty(), Map.of())) {
                consumer = reader;
                List<TopicPartition> partitions = partitionsOf(reader, settings.topic(), settings.statusTopic());
                if (partitions.isEmpty()) {
                    Thread.sleep(POLL.toMillis()); // topics just created: not yet known to every broker
                    continue;
                }
                reader.assign(partitions);
                reader.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = new HashMap<>(reader.endOffsets(partitions));
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                        take(record);
                    }
                    if (!caughtUp && ends.entrySet().stream().allMatch(e -> reader.position(e.getKey()) >= e.getValue())) {
                        caughtUp = true;
                    }
                }
            } catch (WakeupException | InterruptException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (KafkaException e) {
                LOG.warnf("Reading the camera registry: %s; starting again", e.getMessage());
            }
        }
    }

    /** Every partition of the topics, or none while one of them has none yet. */
    static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> reader, String... topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<TopicPartition> ofTopic = reader.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (ofTopic.isEmpty()) {
                return List.of();
            }
            partitions.addAll(ofTopic);
        }
        return partitions;
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        try {
            if (record.topic().equals(settings.topic())) {
                Optional<CameraDefinition> definition = record.value() == null ? Optional.empty()
                        : Optional.of(format.readDefinition(record.value()));
                entries.put(record.key(), new Entry(definition, RegistryFormat.configHash(record.headers())));
            } else if (record.value() == null) {
                statuses.remove(record.key());
            } else {
                statuses.put(record.key(), format.readStatus(record.value()));
            }
        } catch (IOException e) {
            LOG.warnf("Skipped %s-%d@%d: not registry format v1 (%s)", record.topic(), record.partition(),
                    record.offset(), e.getClass().getSimpleName());
        }
    }

    /** Whether both topics have been read up to where they stood when this instance started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    public Optional<Entry> entry(String cameraId) {
        return Optional.ofNullable(entries.get(cameraId));
    }

    /** Every camera the registry defines now (removed ones left out), by id. */
    public Map<String, CameraDefinition> cameras() {
        Map<String, CameraDefinition> cameras = new HashMap<>();
        entries.forEach((id, entry) -> entry.definition().ifPresent(definition -> cameras.put(id, definition)));
        return cameras;
    }

    /** Whether the registry defines this camera now (a removed one does not). */
    public boolean defines(String cameraId) {
        Entry entry = entries.get(cameraId);
        return entry != null && entry.definition().isPresent();
    }

    public Optional<CameraStatusRecord> status(String cameraId) {
        return Optional.ofNullable(statuses.get(cameraId));
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> reader = consumer;
        if (reader != null) {
            reader.wakeup();
        }
    }
}
