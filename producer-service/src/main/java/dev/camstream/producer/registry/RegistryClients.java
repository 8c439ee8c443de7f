package dev.camstream.producer.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import dev.camstream.producer.camera.CamstreamConfig;
import io.smallrye.common.annotation.Identifier;

/**
 * The plain Kafka clients of the registry, built from the channels' {@code kafka.*} settings (bootstrap
 * servers, TLS, SASL), and the creation of the registry's topics: both compacted, so they always hold
 * every camera's latest definition and state; a removed camera's tombstone is kept, so that the
 * configuration does not bring back a camera removed through the API (docs/camera-registry.md).
 */
@ApplicationScoped
public class RegistryClients {

    private static final Logger LOG = Logger.getLogger(RegistryClients.class);
    private static final long CALL_TIMEOUT_SECONDS = 10;
    // Tombstones remember removals; a year is as good as forever for that, and still bounded.
    private static final long TOMBSTONE_MILLIS = Duration.ofDays(365).toMillis();

    private final Map<String, Object> common;
    private final CamstreamConfig.RegistryConfig settings;

    public RegistryClients(@Identifier("default-kafka-broker") Map<String, Object> kafka, CamstreamConfig config) {
        Map<String, Object> all = new HashMap<>(kafka);
        all.put("reconnect.backoff.max.ms", 1000);
        this.common = Map.copyOf(all);
        this.settings = config.registry();
    }

    /** A producer that writes definitions durably: every replica acknowledges, no duplicates. */
    KafkaProducer<String, byte[]> writer(String clientId) {
        Map<String, Object> all = new HashMap<>(common);
        all.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        all.put(ProducerConfig.ACKS_CONFIG, "all");
        all.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        all.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        all.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
        all.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        return new KafkaProducer<>(all, new StringSerializer(), new ByteArraySerializer());
    }

    /** A consumer; in {@code group} if given (for sharing), else outside any group, assigned by its owner. */
    KafkaConsumer<String, byte[]> reader(String clientId, Optional<String> group, Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(common);
        all.putAll(settings);
        all.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        all.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        all.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        all.remove(ConsumerConfig.GROUP_ID_CONFIG);
        all.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        group.ifPresent(id -> all.put(ConsumerConfig.GROUP_ID_CONFIG, id));
        return new KafkaConsumer<>(all, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Creates the registry and status topics if missing. */
    void createTopics() throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Object> all = new HashMap<>(common);
        all.put("client.id", "camstream-registry-admin");
        try (Admin admin = Admin.create(all)) {
            var existing = admin.listTopics().names().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(TOMBSTONE_MILLIS),
                    TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()));
            List<NewTopic> missing = List.of(settings.topic(), settings.statusTopic()).stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, Optional.of(settings.partitions()), settings.replicationFactor())
                            .configs(compacted))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                LOG.infof("Created %s (compacted, %d partitions)",
                        String.join(" and ", missing.stream().map(NewTopic::name).toList()), settings.partitions());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e; // another instance creating them at the same moment is fine
                }
            }
        }
    }
}
