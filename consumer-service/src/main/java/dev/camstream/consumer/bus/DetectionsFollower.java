package dev.camstream.consumer.bus;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.frame.Rejections;
import dev.camstream.consumer.store.DetectionFeed;
import dev.camstream.consumer.topic.BackgroundReader;
import dev.camstream.consumer.topic.KafkaClients;
import dev.camstream.consumer.topic.Replica;
import dev.camstream.consumer.topic.TopicCreation;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes every replica answer {@code /detections/latest} for every camera: creates the detections topic if
 * it is missing (delete policy, {@code retention}), opens the {@link DetectionsPublisher}, and reads every
 * partition from {@value #LOOK_BACK_SECONDS} s before it started (or came back after an outage) on, outside
 * any group, taking each camera's newest record into the {@link DetectionFeed}. Bad records are counted and
 * skipped.
 */
@ApplicationScoped
public class DetectionsFollower {

    private static final Logger LOG = Logger.getLogger(DetectionsFollower.class);
    private static final long LOOK_BACK_SECONDS = 60;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final ConsumerSettings config;
    private final KafkaClients clients;
    private final DetectionFormat format;
    private final DetectionsPublisher publisher;
    private final DetectionFeed feed;
    private final Rejections rejections;
    private final Replica replica;
    private final BackgroundReader background = new BackgroundReader();

    public DetectionsFollower(ConsumerSettings config, KafkaClients clients, DetectionFormat format,
            DetectionsPublisher publisher, DetectionFeed feed, Rejections rejections, Replica replica) {
        this.config = config;
        this.clients = clients;
        this.format = format;
        this.publisher = publisher;
        this.feed = feed;
        this.rejections = rejections;
        this.replica = replica;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.statistics().follow()) {
            return; // no broker (tests of the channel logic)
        }
        background.start("detections-follower", this::run);
    }

    private void run() {
        try {
            createTopic();
            publisher.open();
            while (background.running()) {
                try {
                    // Again after an outage: what was missed meanwhile is history, the latest is what counts.
                    follow(Instant.now().minusSeconds(LOOK_BACK_SECONDS));
                } catch (WakeupException | InterruptException e) {
                    return;
                } catch (KafkaException e) {
                    LOG.warnf("Following the detections topic %s: %s; trying again in %d s", config.detections().topic(),
                            e.getMessage(), RETRY.toSeconds());
                    background.pause(RETRY);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void createTopic() throws InterruptedException {
        ConsumerSettings.Detections settings = config.detections();
        NewTopic topic = new NewTopic(settings.topic(), Optional.of(settings.partitions()), settings.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.retention().toMillis())));
        try (Admin admin = clients.admin("camstream-detections-admin-" + replica.identity().replica())) {
            while (background.running()) {
                try {
                    if (!TopicCreation.exists(admin, settings.topic()) && TopicCreation.create(admin, topic)) {
                        LOG.infof("Created detections topic %s (retention %s)", settings.topic(), settings.retention());
                    }
                    return;
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    LOG.warnf("Detections topic %s not ready (%s); trying again in %d s", settings.topic(),
                            e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), RETRY.toSeconds());
                    background.pause(RETRY);
                }
            }
        }
    }

    private void follow(Instant since) throws InterruptedException {
        String topic = config.detections().topic();
        try (KafkaConsumer<String, byte[]> reader = clients.reader("camstream-detections-" + replica.identity().replica(),
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"))) {
            background.reading(reader);
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            reader.assign(partitions);
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, since.toEpochMilli()));
            reader.offsetsForTimes(times).forEach((partition, found) -> {
                if (found == null) {
                    reader.seekToEnd(List.of(partition));
                } else {
                    reader.seek(partition, found.offset());
                }
            });
            while (background.running()) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                    take(record);
                }
            }
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        if (!DetectionFormat.isVersionOne(record)) {
            return; // another format version: not for this reader
        }
        try {
            feed.update(format.read(record.key(), record.value()));
        } catch (RejectedRecordException e) {
            rejections.count(e, record.topic() + "-" + record.partition() + "@" + record.offset());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        background.stop();
    }
}
