package dev.camstream.consumer.bus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.topic.KafkaClients;
import dev.camstream.consumer.topic.Replica;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes each processed frame's statistics to the statistics topic, keyed by camera id, with a plain
 * Kafka producer: one small record per frame, sent in the background. Never holds up processing: while the
 * broker is away, statistics beyond a small buffer are dropped and counted (the next frame's replace them
 * anyway). Opened by the {@link StatisticsFollower} once the topic exists with its settings, so that the
 * broker never creates it with its defaults.
 */
@ApplicationScoped
public class StatisticsPublisher {

    // About two thousand records: seconds of statistics of many cameras while the broker is away.
    private static final int BUFFER_BYTES = 1024 * 1024;
    private static final Duration METADATA_WAIT = Duration.ofSeconds(10);

    private final String topic;
    private final KafkaClients clients;
    private final StatisticsFormat format;
    private final Replica replica;
    // The replica header of every record: the same bytes each frame.
    private final byte[] replicaName;
    private final Counter published;
    private final Counter dropped;
    private volatile KafkaProducer<String, String> producer;

    public StatisticsPublisher(ConsumerSettings config, KafkaClients clients, StatisticsFormat format, Replica replica,
            MeterRegistry registry) {
        this.topic = config.statistics().topic();
        this.clients = clients;
        this.format = format;
        this.replica = replica;
        this.replicaName = replica.identity().replica().getBytes(StandardCharsets.UTF_8);
        this.published = Counter.builder("camstream.consumer.statistics.published")
                .description("Statistics records the broker acknowledged").register(registry);
        this.dropped = Counter.builder("camstream.consumer.statistics.dropped")
                .description("Statistics not published: broker away, buffer full, or topic not ready yet")
                .register(registry);
    }

    /** Starts publishing, once the topic's metadata is known, so that the first frames' sends do not fail. */
    synchronized void open() throws InterruptedException {
        if (producer == null) {
            KafkaProducer<String, String> opened = clients.writer("camstream-statistics-" + replica.identity().replica(), Map.of(
                    // The next frame's statistics replace a lost one: one acknowledgement is enough.
                    ProducerConfig.ACKS_CONFIG, "1",
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.BUFFER_MEMORY_CONFIG, BUFFER_BYTES,
                    // A full buffer or unknown metadata fails the send at once rather than blocking processing.
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 0));
            long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    opened.partitionsFor(topic);
                    break;
                } catch (KafkaException e) {
                    Thread.sleep(100); // asked for; it comes in the background
                }
            }
            producer = opened;
        }
    }

    public void publish(FrameStatistics statistics) {
        KafkaProducer<String, String> sender = producer;
        if (sender == null) {
            dropped.increment();
            return;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(StatisticsFormat.FORMAT_VERSION_HEADER, StatisticsFormat.FORMAT_VERSION_BYTES);
        headers.add(StatisticsFormat.REPLICA_HEADER, replicaName);
        try {
            // Stamped with the frame's capture time, like the frame: offsetsForTimes finds both by the same time.
            sender.send(new ProducerRecord<>(topic, null, statistics.capturedAt().toEpochMilli(), statistics.camera(),
                    format.write(statistics), headers),
                    (metadata, failure) -> (failure == null ? published : dropped).increment());
        } catch (KafkaException e) {
            dropped.increment(); // the buffer is full: the broker has been away for a while
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(1));
            producer = null;
        }
    }
}
