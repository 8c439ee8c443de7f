package dev.camstream.consumer.bus;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.jboss.logging.Logger;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.topic.TopicCreation;

/**
 * Creates the statistics topic when it does not exist. Every frame's statistics stay for {@code history}
 * ({@code min.compaction.lag.ms}): the series {@code /stats/range} reads. Older ones are compacted, so that
 * the topic still holds every camera's latest statistics however long ago its last frame was, until
 * {@code retention} deletes them too and the topic stays bounded. Segments roll every minute, so compaction
 * can reach records soon after they leave the history.
 */
final class StatisticsTopic {

    private static final Logger LOG = Logger.getLogger(StatisticsTopic.class);
    private static final long SEGMENT_MILLIS = Duration.ofMinutes(1).toMillis();

    private final ConsumerSettings.Statistics settings;

    StatisticsTopic(ConsumerSettings.Statistics settings) {
        this.settings = settings;
    }

    /** Creates the topic if missing, or says so if an existing one is not compacted. */
    void ensure(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        String topic = settings.topic();
        if (TopicCreation.exists(admin, topic)) {
            warnIfNotCompacted(admin, topic);
            return;
        }
        long retention = Math.max(settings.retention().toMillis(), settings.history().toMillis());
        NewTopic newTopic = new NewTopic(topic, Optional.of(settings.partitions()), settings.replicationFactor())
                .configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention),
                        TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Math.min(SEGMENT_MILLIS, retention)),
                        TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(settings.history().toMillis()),
                        TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.1"));
        if (TopicCreation.create(admin, newTopic)) {
            LOG.infof("Created statistics topic %s (compact,delete, history %s, retention %s)", topic,
                    settings.history(), settings.retention());
        }
    }

    private static void warnIfNotCompacted(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(Set.of(resource)).all().get(TopicCreation.CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(resource);
        String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            LOG.warnf("Statistics topic %s has cleanup.policy=%s: without compaction a replica that starts knows "
                    + "only the cameras of its retention; set it to compact,delete", topic, policy);
        }
    }
}
