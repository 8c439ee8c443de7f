package dev.camstream.consumer.bus;

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
import dev.camstream.consumer.detect.DetectionRecord;
import dev.camstream.consumer.topic.KafkaClients;
import dev.camstream.consumer.topic.Replica;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes each analysed frame's detections to the detections topic, keyed by camera id and stamped with
 * the frame's capture time, in the background. While the broker is away, records beyond a small buffer are
 * dropped and counted. Opened by the {@link DetectionsFollower} once the topic exists with its settings.
 */
@ApplicationScoped
public class DetectionsPublisher {

    private static final int BUFFER_BYTES = 1024 * 1024;

    private final String topic;
    private final KafkaClients clients;
    private final DetectionFormat format;
    private final Replica replica;
    private final Counter published;
    private final Counter dropped;
    private volatile KafkaProducer<String, String> producer;

    public DetectionsPublisher(ConsumerSettings config, KafkaClients clients, DetectionFormat format, Replica replica,
            MeterRegistry registry) {
        this.topic = config.detections().topic();
        this.clients = clients;
        this.format = format;
        this.replica = replica;
        this.published = Counter.builder("camstream.consumer.detections.published")
                .description("Detection records the broker acknowledged").register(registry);
        this.dropped = Counter.builder("camstream.consumer.detections.dropped")
                .description("Detection records not published: broker away, buffer full, or topic not ready yet")
                .register(registry);
    }

    synchronized void open() {
        if (producer == null) {
            producer = clients.writer("camstream-detections-" + replica.identity().replica(), Map.of(
                    // Every analysed frame has a record: wait for the leader, not for every replica of the topic.
                    ProducerConfig.ACKS_CONFIG, "1",
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.BUFFER_MEMORY_CONFIG, BUFFER_BYTES,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 0));
        }
    }

    public void publish(DetectionRecord record) {
        KafkaProducer<String, String> sender = producer;
        if (sender == null) {
            dropped.increment();
            return;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(DetectionFormat.FORMAT_VERSION_HEADER, DetectionFormat.FORMAT_VERSION_BYTES);
        try {
            sender.send(new ProducerRecord<>(topic, null, record.capturedAt().toEpochMilli(), record.camera(),
                    format.write(record), headers),
                    (metadata, failure) -> (failure == null ? published : dropped).increment());
        } catch (KafkaException e) {
            dropped.increment();
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
