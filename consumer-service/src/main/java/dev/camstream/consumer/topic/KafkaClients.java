package dev.camstream.consumer.topic;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.smallrye.common.annotation.Identifier;

/**
 * The plain Kafka clients this replica uses beside its channels, built from the same {@code kafka.*}
 * settings (bootstrap servers, TLS, SASL) so that they reach the cluster the channels reach. None of them
 * joins a group or commits: they read what they are told to.
 */
@ApplicationScoped
public class KafkaClients {

    private final Map<String, Object> common;

    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        Map<String, Object> settings = new HashMap<>(kafka);
        // As for the channels: after a broker outage, try again every second, not up to every 10 s.
        settings.put("reconnect.backoff.max.ms", 1000);
        this.common = Map.copyOf(settings);
    }

    public Admin admin(String clientId) {
        Map<String, Object> settings = new HashMap<>(common);
        settings.put("client.id", clientId);
        return Admin.create(settings);
    }

    /** A producer of text values; {@code settings} add to the common ones. */
    public KafkaProducer<String, String> writer(String clientId, Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(common);
        all.putAll(settings);
        all.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaProducer<>(all, new StringSerializer(), new StringSerializer());
    }

    /** A consumer outside any group, that is assigned partitions and seeks itself; {@code settings} add to the common ones. */
    public KafkaConsumer<String, byte[]> reader(String clientId, Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(common);
        all.putAll(settings);
        all.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        all.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        all.remove(ConsumerConfig.GROUP_ID_CONFIG);
        all.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        return new KafkaConsumer<>(all, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
