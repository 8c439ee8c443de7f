package dev.camstream.consumer.bus;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;

import dev.camstream.consumer.topic.KafkaClients;
import io.micrometer.core.instrument.Counter;

/**
 * A plain Kafka producer of one topic of the bus (statistics, detections): small JSON records keyed by
 * camera id and stamped with their frame's capture time, sent in the background. Never holds processing up:
 * while the broker is away, records beyond a small buffer are dropped and counted (the next frame's replace
 * them anyway). Opened once the topic exists with its settings, so that the broker never creates it with its
 * defaults, and once its metadata is known, so that the first sends do not fail.
 */
final class BusWriter {

    // About two thousand records: seconds of many cameras while the broker is away.
    private static final int BUFFER_BYTES = 1024 * 1024;
    private static final Duration METADATA_WAIT = Duration.ofSeconds(10);

    private final String topic;
    private final KafkaProducer<String, String> producer;
    private final Counter published;
    private final Counter dropped;

    private BusWriter(String topic, KafkaProducer<String, String> producer, Counter published, Counter dropped) {
        this.topic = topic;
        this.producer = producer;
        this.published = published;
        this.dropped = dropped;
    }

    /** Opens a producer of {@code topic}, waiting up to ten seconds for the topic's metadata. */
    static BusWriter open(KafkaClients clients, String clientId, String topic, Counter published, Counter dropped)
            throws InterruptedException {
        KafkaProducer<String, String> producer = clients.writer(clientId, Map.of(
                // The next frame's record replaces a lost one: one acknowledgement is enough.
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BUFFER_MEMORY_CONFIG, BUFFER_BYTES,
                // A full buffer or unknown metadata fails the send at once rather than blocking processing.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 0));
        long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                producer.partitionsFor(topic);
                break;
            } catch (KafkaException e) {
                Thread.sleep(100); // asked for; it comes in the background
            }
        }
        return new BusWriter(topic, producer, published, dropped);
    }

    void send(long timestamp, String key, String value, Headers headers) {
        try {
            producer.send(new ProducerRecord<>(topic, null, timestamp, key, value, headers),
                    (metadata, failure) -> (failure == null ? published : dropped).increment());
        } catch (KafkaException e) {
            dropped.increment(); // the buffer is full: the broker has been away for a while
        }
    }

    void close() {
        producer.close(Duration.ofSeconds(1));
    }
}
