package dev.camstream.consumer.bus;

import java.nio.charset.StandardCharsets;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.topic.KafkaClients;
import dev.camstream.consumer.topic.Replica;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes each processed frame's statistics to the statistics topic, keyed by camera id, through a
 * {@link BusWriter}: one small record per frame, sent in the background, never holding processing up. Opened
 * by the {@link StatisticsFollower} once the topic exists with its settings; statistics before that are
 * dropped and counted.
 */
@ApplicationScoped
public class StatisticsPublisher {

    private final String topic;
    private final KafkaClients clients;
    private final StatisticsFormat format;
    private final Replica replica;
    // The replica header of every record: the same bytes each frame.
    private final byte[] replicaName;
    private final Counter published;
    private final Counter dropped;
    private volatile BusWriter writer;

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
        if (writer == null) {
            writer = BusWriter.open(clients, "camstream-statistics-" + replica.identity().replica(), topic, published,
                    dropped);
        }
    }

    public void publish(FrameStatistics statistics) {
        BusWriter sender = writer;
        if (sender == null) {
            dropped.increment();
            return;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(StatisticsFormat.FORMAT_VERSION_HEADER, StatisticsFormat.FORMAT_VERSION_BYTES);
        headers.add(StatisticsFormat.REPLICA_HEADER, replicaName);
        // Stamped with the frame's capture time, like the frame: offsetsForTimes finds both by the same time.
        sender.send(statistics.capturedAt().toEpochMilli(), statistics.camera(), format.write(statistics), headers);
    }

    @PreDestroy
    synchronized void close() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}
