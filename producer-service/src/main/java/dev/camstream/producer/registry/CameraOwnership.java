package dev.camstream.producer.registry;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import dev.camstream.producer.camera.Camera;
import dev.camstream.producer.camera.CamstreamConfig;
import dev.camstream.producer.camera.InvalidCameraConfigException;
import dev.camstream.producer.grab.CameraManager;

/**
 * Which cameras this instance grabs: the producer instances read the registry as one consumer group, and
 * each grabs the cameras of the partitions the group assigns it. The assignment is cooperative and sticky, so
 * a rebalance moves as few cameras as possible; when an instance stops, its partitions, and so its cameras,
 * go to the others, and when it dies, they go after the group's session timeout. A partition newly assigned
 * is read from its beginning to its end before its cameras start, so each camera starts once, with its
 * latest definition. Nothing is committed: the group is used for the assignment only.
 */
@ApplicationScoped
public class CameraOwnership {

    private static final Logger LOG = Logger.getLogger(CameraOwnership.class);
    private static final Duration POLL = Duration.ofMillis(200);
    // Leaving the group and stopping this instance's grabbers: well under the shutdown's own timeout.
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /** A camera of an assigned partition: its latest definition, or none if it was removed. */
    private record Owned(TopicPartition partition, Optional<CameraDefinition> definition) {
    }

    private final CamstreamConfig config;
    private final RegistryClients clients;
    private final RegistryFormat format;
    private final CameraManager cameras;
    private final Instance instance;
    private final Placeholders placeholders = Placeholders.ofThisInstance();
    private final Map<String, Owned> owned = new HashMap<>();
    // Partitions assigned but not yet read to the offset they ended at when they were assigned.
    private final Map<TopicPartition, Long> replaying = new HashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread sharing;

    public CameraOwnership(CamstreamConfig config, RegistryClients clients, RegistryFormat format,
            CameraManager cameras, Instance instance) {
        this.config = config;
        this.clients = clients;
        this.format = format;
        this.cameras = cameras;
        this.instance = instance;
    }

    /** Takes part in the group until stopped; run on a thread of its own. */
    void share() {
        sharing = Thread.currentThread();
        Map<String, Object> settings = Map.of(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                // An instance that dies hands its cameras on after this long without heartbeats.
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        while (running) {
            try (KafkaConsumer<String, byte[]> reader = clients.reader("camstream-registry-" + instance.name(),
                    Optional.of(config.registry().group()), settings)) {
                consumer = reader;
                reader.subscribe(List.of(config.registry().topic()), new Rebalance(reader));
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                        take(record);
                    }
                    startReplayed(reader);
                }
            } catch (WakeupException | InterruptException e) {
                break;
            } catch (KafkaException e) {
                LOG.warnf("Sharing the cameras: %s; joining again", e.getMessage());
            } finally {
                releaseAll();
            }
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        Optional<CameraDefinition> definition = Optional.empty();
        if (record.value() != null) {
            try {
                definition = Optional.of(format.readDefinition(record.value()));
            } catch (IOException e) {
                LOG.warnf("Skipped registry record %d of partition %d: not registry format v1", record.offset(),
                        record.partition());
                return;
            }
        }
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        owned.put(record.key(), new Owned(partition, definition));
        if (!replaying.containsKey(partition)) {
            apply(record.key());
        }
    }

    /** Starts the cameras of the partitions that have been read to their end since they were assigned. */
    private void startReplayed(KafkaConsumer<String, byte[]> reader) {
        List<TopicPartition> done = replaying.entrySet().stream()
                .filter(end -> reader.position(end.getKey()) >= end.getValue()).map(Map.Entry::getKey).toList();
        for (TopicPartition partition : done) {
            replaying.remove(partition);
            owned.entrySet().stream().filter(e -> e.getValue().partition().equals(partition)).map(Map.Entry::getKey)
                    .toList().forEach(this::apply);
        }
    }

    /** Makes what runs here match the camera's latest definition. */
    private void apply(String cameraId) {
        Owned camera = owned.get(cameraId);
        if (camera == null || camera.definition().isEmpty()) {
            owned.remove(cameraId);
            refused.remove(cameraId);
            cameras.release(cameraId);
            return;
        }
        try {
            Camera runnable = camera.definition().get().toCamera(cameraId, config.defaults(), placeholders);
            refused.remove(cameraId);
            cameras.grab(runnable);
        } catch (InvalidCameraConfigException e) {
            // Valid where it was written, not here (a placeholder this instance does not have): say so.
            cameras.release(cameraId);
            String reason = String.join("; ", e.problems());
            if (!reason.equals(refused.put(cameraId, reason))) {
                LOG.warnf("%s: cannot be grabbed by this instance: %s", cameraId, reason);
            }
        }
    }

    /** Cameras assigned here whose definition this instance cannot use, with the reason. */
    public Map<String, String> refused() {
        return Map.copyOf(refused);
    }

    private void release(Collection<TopicPartition> partitions) {
        replaying.keySet().removeAll(partitions);
        List<String> leaving = owned.entrySet().stream().filter(e -> partitions.contains(e.getValue().partition()))
                .map(Map.Entry::getKey).toList();
        for (String cameraId : leaving) {
            owned.remove(cameraId);
            refused.remove(cameraId);
            cameras.release(cameraId);
        }
    }

    private void releaseAll() {
        List.copyOf(owned.keySet()).forEach(cameraId -> {
            owned.remove(cameraId);
            cameras.release(cameraId);
        });
        replaying.clear();
        refused.clear();
    }

    /**
     * Leaves the group and releases this instance's cameras, and waits for that: the grabbers must be released
     * while the beans they need still exist, not after the container has destroyed them.
     */
    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> reader = consumer;
        if (reader != null) {
            reader.wakeup();
        }
        Thread thread = sharing;
        if (thread != null) {
            try {
                thread.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs on the consumer's thread, inside poll. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> reader;

        Rebalance(KafkaConsumer<String, byte[]> reader) {
            this.reader = reader;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            reader.seekToBeginning(partitions);
            replaying.putAll(reader.endOffsets(partitions));
            LOG.infof("Assigned registry partitions %s", partitions.stream().map(TopicPartition::partition).sorted().toList());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            release(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            release(partitions);
        }
    }
}
