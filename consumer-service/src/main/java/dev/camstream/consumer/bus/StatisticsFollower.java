package dev.camstream.consumer.bus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.frame.Rejections;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.store.CameraStore;
import dev.camstream.consumer.store.FrameEvents;
import dev.camstream.consumer.topic.BackgroundReader;
import dev.camstream.consumer.topic.KafkaClients;
import dev.camstream.consumer.topic.Replica;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes this replica a full view of its group: reads every partition of the statistics topic, from the
 * beginning (the statistics history, then each camera's latest, compacted) and without joining a group or
 * committing, and takes each camera's newest statistics of its own group into the store, whichever replica
 * computed them. Its own statistics come back too and are skipped unread (header {@code replica}). Bad
 * records are counted and skipped.
 */
@ApplicationScoped
public class StatisticsFollower {

    private static final Logger LOG = Logger.getLogger(StatisticsFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Duration PARTITION_REFRESH = Duration.ofSeconds(30);

    private final ConsumerSettings config;
    private final KafkaClients clients;
    private final StatisticsFormat format;
    private final StatisticsPublisher publisher;
    private final CameraStore store;
    private final FrameEvents events;
    private final Rejections rejections;
    private final Replica replica;
    private final String framesTopic;
    private final byte[] ownName;
    private volatile boolean caughtUp;
    private final BackgroundReader background = new BackgroundReader();

    public StatisticsFollower(ConsumerSettings config, KafkaClients clients, StatisticsFormat format,
            StatisticsPublisher publisher, CameraStore store, FrameEvents events, Rejections rejections, Replica replica,
            @ConfigProperty(name = "mp.messaging.incoming.frames.topic") String framesTopic) {
        this.framesTopic = framesTopic;
        this.ownName = replica.identity().replica().getBytes(StandardCharsets.UTF_8);
        this.config = config;
        this.clients = clients;
        this.format = format;
        this.publisher = publisher;
        this.store = store;
        this.events = events;
        this.rejections = rejections;
        this.replica = replica;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.statistics().follow()) {
            caughtUp = true; // no broker: nothing to follow, nothing published
            return;
        }
        background.start("statistics-follower", this::run);
    }

    /** Whether this replica has read its group's statistics up to where they stood when it started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        try {
            createTopic();
            publisher.open();
            while (background.running()) {
                try {
                    follow();
                } catch (WakeupException | InterruptException e) {
                    return;
                } catch (KafkaException e) {
                    // The broker away for longer than a client call waits: start reading again.
                    LOG.warnf("Following the statistics topic %s: %s; trying again in %d s",
                            config.statistics().topic(), e.getMessage(), RETRY.toSeconds());
                    background.pause(RETRY);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Following the statistics topic %s failed; trying again in %d s",
                            config.statistics().topic(), RETRY.toSeconds());
                    background.pause(RETRY);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
        }
    }

    private void createTopic() throws InterruptedException {
        StatisticsTopic topic = new StatisticsTopic(config.statistics());
        try (Admin admin = clients.admin("camstream-statistics-admin-" + replica.identity().replica())) {
            while (background.running()) {
                try {
                    topic.ensure(admin);
                    return;
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        throw (InterruptedException) e;
                    }
                    LOG.warnf("Statistics topic %s not ready (%s); trying again in %d s", config.statistics().topic(),
                            e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), RETRY.toSeconds());
                    background.pause(RETRY);
                }
            }
        }
    }

    private void follow() throws InterruptedException {
        String topic = config.statistics().topic();
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> reader = clients.reader("camstream-statistics-" + replica.identity().replica(), settings)) {
            background.reading(reader);
            Map<TopicPartition, Long> startEnds = assignAll(reader, topic);
            while (startEnds.isEmpty()) {
                background.pause(RETRY); // a topic just created may not be known to every broker yet
                if (!background.running()) {
                    return;
                }
                startEnds = assignAll(reader, topic);
            }
            long refreshed = System.nanoTime();
            while (background.running()) {
                ConsumerRecords<String, byte[]> records = reader.poll(POLL);
                // Catching up reads the whole history the topic keeps (camstream.statistics.history): of each
                // camera only its last record of a poll can become its latest, so only that one is parsed.
                // Once caught up, every record counts, as each is an event of the SSE streams.
                for (ConsumerRecord<String, byte[]> record : caughtUp ? records : lastPerCamera(records)) {
                    take(record);
                }
                if (!caughtUp && startEnds.entrySet().stream().allMatch(end -> reader.position(end.getKey()) >= end.getValue())) {
                    caughtUp = true;
                    LOG.infof("Caught up with the statistics of group %s: %d cameras known", replica.group(), store.count());
                }
                if (System.nanoTime() - refreshed > PARTITION_REFRESH.toNanos()) {
                    assignAll(reader, topic); // partitions added to the topic meanwhile
                    refreshed = System.nanoTime();
                }
            }
        }
    }

    private static Iterable<ConsumerRecord<String, byte[]>> lastPerCamera(ConsumerRecords<String, byte[]> records) {
        Map<String, ConsumerRecord<String, byte[]>> last = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            // A camera's records are all in one partition, in the order they were published.
            last.put(record.partition() + "/" + record.key(), record);
        }
        return last.values();
    }

    /** Assigns every partition of the topic, the new ones from their beginning; returns their end offsets now. */
    private static Map<TopicPartition, Long> assignAll(KafkaConsumer<String, byte[]> reader, String topic) {
        List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                .map((PartitionInfo info) -> new TopicPartition(topic, info.partition())).toList();
        if (!reader.assignment().containsAll(partitions)) {
            List<TopicPartition> added = partitions.stream().filter(p -> !reader.assignment().contains(p)).toList();
            reader.assign(partitions);
            reader.seekToBeginning(added);
        }
        return reader.endOffsets(partitions);
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        try {
            Header version = record.headers().lastHeader(StatisticsFormat.FORMAT_VERSION_HEADER);
            if (version != null && !StatisticsFormat.FORMAT_VERSION.equals(new String(version.value(), StandardCharsets.UTF_8))) {
                throw new RejectedRecordException(RejectReason.UNKNOWN_FORMAT_VERSION, "statistics of another format version");
            }
            if (record.value() == null || isOwn(record)) {
                return; // a tombstone, or this replica's own: nothing to take
            }
            FrameStatistics statistics = format.read(record.key(), record.value());
            if (!statistics.processedBy().group().equals(replica.group())) {
                return; // another group's view of the cameras
            }
            if (!statistics.source().topic().equals(framesTopic)) {
                // Frames are fetched from where statistics say: only ever from this group's frames topic.
                throw new RejectedRecordException(RejectReason.INVALID_STATISTICS,
                        "source topic is not the frames topic " + framesTopic);
            }
            switch (store.observed(statistics)) {
                case NEWER -> events.processed(statistics);
                case NO_ROOM -> throw new RejectedRecordException(RejectReason.TOO_MANY_CAMERAS, "camera limit reached");
                case NOT_NEWER -> {
                }
            }
        } catch (RejectedRecordException e) {
            rejections.count(e, record.topic() + "-" + record.partition() + "@" + record.offset());
        }
    }

    private boolean isOwn(ConsumerRecord<String, byte[]> record) {
        Header name = record.headers().lastHeader(StatisticsFormat.REPLICA_HEADER);
        return name != null && Arrays.equals(name.value(), ownName);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        background.stop();
    }
}
