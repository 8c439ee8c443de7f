package dev.camstream.consumer.bus;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.detect.DetectionRecord;
import dev.camstream.consumer.topic.KafkaClients;
import dev.camstream.consumer.topic.Replica;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes each analysed frame's detections to the detections topic, keyed by camera id and stamped with
 * the frame's capture time, through a {@link BusWriter}. Opened by the {@link DetectionsFollower} once the
 * topic exists with its settings; records before that are dropped and counted.
 */
@ApplicationScoped
public class DetectionsPublisher {

    private final String topic;
    private final KafkaClients clients;
    private final DetectionFormat format;
    private final Replica replica;
    private final Counter published;
    private final Counter dropped;
    private volatile BusWriter writer;

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

    synchronized void open() throws InterruptedException {
        if (writer == null) {
            writer = BusWriter.open(clients, "camstream-detections-" + replica.identity().replica(), topic, published,
                    dropped);
        }
    }

    public void publish(DetectionRecord record) {
        BusWriter sender = writer;
        if (sender == null) {
            dropped.increment();
            return;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(DetectionFormat.FORMAT_VERSION_HEADER, DetectionFormat.FORMAT_VERSION_BYTES);
        sender.send(record.capturedAt().toEpochMilli(), record.camera(), format.write(record), headers);
    }

    @PreDestroy
    synchronized void close() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}
