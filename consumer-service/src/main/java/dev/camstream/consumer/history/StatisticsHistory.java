package dev.camstream.consumer.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.bus.StatisticsFormat;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.frame.Rejections;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.topic.KafkaClients;
import dev.camstream.consumer.topic.KeyedHistory;
import dev.camstream.consumer.topic.Replica;
import dev.camstream.consumer.topic.TopicUnavailableException;

/**
 * A camera's statistics series from the statistics topic: the partition its key goes to, from the first
 * record stamped at the range's start ({@code offsetsForTimes}; records are stamped with capture time) to
 * the first stamped well after its end. Only this group's statistics count, each frame once: a frame two
 * replicas processed around a rebalance, or published again, is taken the first time.
 */
@ApplicationScoped
public class StatisticsHistory {

    // Statistics are published right after processing: stamped later than this after the range, none of it follows.
    private static final long LATEST_PUBLISH_MILLIS = 10_000;

    private final KafkaClients clients;
    private final StatisticsFormat format;
    private final Rejections rejections;
    private final Replica replica;
    private final String topic;
    private final AtomicInteger readers = new AtomicInteger();

    public StatisticsHistory(KafkaClients clients, StatisticsFormat format, Rejections rejections, Replica replica,
            ConsumerSettings config) {
        this.clients = clients;
        this.format = format;
        this.rejections = rejections;
        this.replica = replica;
        this.topic = config.statistics().topic();
    }

    /** What to do with each frame's statistics, in capture order; {@code false} stops the reading. */
    public interface Series {
        boolean add(FrameStatistics statistics);
    }

    /** Hands the camera's statistics captured from {@code from} to {@code to} to {@code series}, in order. */
    public void read(String camera, Instant from, Instant to, Series series) {
        try (KafkaConsumer<String, byte[]> consumer = clients.reader(
                "camstream-stats-history-" + replica.identity().replica() + "-" + readers.incrementAndGet(),
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            Taker taker = new Taker(camera, from, to, series);
            KeyedHistory.scan(consumer, topic, camera, from, taker::take);
        } catch (KafkaException e) {
            throw new TopicUnavailableException("the statistics topic cannot be read now: " + e.getMessage());
        }
    }

    private final class Taker {
        private final String camera;
        private final Instant from;
        private final Instant to;
        private final Series series;
        private Instant last = Instant.MIN;

        Taker(String camera, Instant from, Instant to, Series series) {
            this.camera = camera;
            this.from = from;
            this.to = to;
            this.series = series;
        }

        boolean take(ConsumerRecord<String, byte[]> record) {
            if (record.timestamp() > to.toEpochMilli() + LATEST_PUBLISH_MILLIS) {
                return false;
            }
            if (!camera.equals(record.key()) || record.value() == null || !isVersionOne(record)) {
                return true;
            }
            FrameStatistics statistics;
            try {
                statistics = format.read(record.key(), record.value());
            } catch (RejectedRecordException e) {
                rejections.count(e, record.topic() + "-" + record.partition() + "@" + record.offset());
                return true;
            }
            Instant captured = statistics.capturedAt();
            if (!statistics.processedBy().group().equals(replica.group()) || captured.isBefore(from)
                    || captured.isAfter(to) || !captured.isAfter(last)) {
                return true;
            }
            last = captured;
            return series.add(statistics);
        }
    }

    private static boolean isVersionOne(ConsumerRecord<String, byte[]> record) {
        Header version = record.headers().lastHeader(StatisticsFormat.FORMAT_VERSION_HEADER);
        return version == null || StatisticsFormat.FORMAT_VERSION.equals(new String(version.value(), StandardCharsets.UTF_8));
    }
}
