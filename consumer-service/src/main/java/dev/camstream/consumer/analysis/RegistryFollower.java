package dev.camstream.consumer.analysis;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.memory.LeastRecentlyUsed;
import dev.camstream.consumer.topic.BackgroundReader;
import dev.camstream.consumer.topic.KafkaClients;
import dev.camstream.consumer.topic.Replica;
import io.quarkus.runtime.StartupEvent;

/**
 * Each camera's analysis settings, from the camera registry the producers keep (a compacted topic, read
 * from its beginning, outside any group): a definition's {@code analysis} over {@code camstream.analysis.*},
 * applied from the next frame on. Only {@code analysis} is read; URLs, which may hold credentials, are never
 * kept or logged. A definition whose analysis cannot be used leaves its camera on the defaults, and says why.
 * At most four times {@code max-cameras} cameras are kept (those changed longest ago go first).
 */
@ApplicationScoped
public class RegistryFollower {

    private static final Logger LOG = Logger.getLogger(RegistryFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);

    /** A camera's settings, and why its definition's own could not be used, if so. */
    public record CameraSettings(AnalysisSettings settings, Optional<String> problem) {
    }

    private final ConsumerSettings.Analysis config;
    private final KafkaClients clients;
    private final Replica replica;
    private final ObjectMapper json;
    private final ObjectReader definitions;
    private final AnalysisSettings defaults;
    private final CameraSettings defaultSettings;
    private final Map<String, CameraSettings> cameras;
    private final BackgroundReader background = new BackgroundReader();

    public RegistryFollower(ConsumerSettings config, KafkaClients clients, Replica replica, ObjectMapper json) {
        this.config = config.analysis();
        this.clients = clients;
        this.replica = replica;
        this.json = json;
        this.definitions = json.readerFor(AnalysisSettings.AnalysisDefinition.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.defaults = AnalysisSettings.defaults(config.analysis());
        this.defaultSettings = new CameraSettings(defaults, Optional.empty());
        this.cameras = new LeastRecentlyUsed<>(4 * config.maxCameras());
    }

    void start(@Observes StartupEvent startup) {
        if (!config.followRegistry()) {
            return;
        }
        background.start("registry-follower", this::run);
    }

    /** The camera's settings now: its definition's, or the defaults. */
    public CameraSettings of(String camera) {
        synchronized (cameras) {
            return cameras.getOrDefault(camera, defaultSettings);
        }
    }

    /** Takes one registry record: a camera defined, changed, or removed (a tombstone). */
    void take(String camera, byte[] value) {
        if (camera == null) {
            return;
        }
        CameraSettings settings;
        if (value == null) {
            settings = null;
        } else {
            try {
                JsonNode root = json.readTree(value);
                JsonNode analysis = root == null ? null : root.get("analysis");
                settings = new CameraSettings(analysis == null || analysis.isNull() ? defaults
                        : defaults.with(definitions.readValue(analysis)), Optional.empty());
            } catch (IOException | IllegalArgumentException e) {
                String reason = "its analysis settings cannot be used (" + e.getClass().getSimpleName()
                        + "); defaults apply";
                LOG.warnf("Camera %s: %s", camera, reason);
                settings = new CameraSettings(defaults, Optional.of(reason));
            }
        }
        synchronized (cameras) {
            if (settings == null) {
                cameras.remove(camera);
            } else {
                cameras.put(camera, settings);
            }
        }
    }

    private void run() {
        try {
            follow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
        }
    }

    private void follow() throws InterruptedException {
        while (background.running()) {
            try (KafkaConsumer<String, byte[]> reader = clients.reader("camstream-registry-" + replica.identity().replica(),
                    Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
                background.reading(reader);
                List<TopicPartition> partitions = reader.partitionsFor(config.registryTopic()).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                if (partitions.isEmpty()) {
                    background.pause(RETRY); // no producer has made the registry yet
                    continue;
                }
                reader.assign(partitions);
                reader.seekToBeginning(partitions);
                while (background.running()) {
                    for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                        take(record.key(), record.value());
                    }
                }
            } catch (WakeupException | InterruptException e) {
                return;
            } catch (KafkaException e) {
                LOG.warnf("Following the camera registry %s: %s; trying again in %d s", config.registryTopic(),
                        e.getMessage(), RETRY.toSeconds());
                background.pause(RETRY);
            }
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        background.stop();
    }
}
