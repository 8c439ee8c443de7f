package dev.camstream.consumer.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.bus.DetectionFormat;
import dev.camstream.consumer.detect.DetectionRecord;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.frame.Rejections;
import dev.camstream.consumer.topic.KafkaClients;
import dev.camstream.consumer.topic.KeyedHistory;
import dev.camstream.consumer.topic.Replica;
import dev.camstream.consumer.topic.TopicUnavailableException;

/**
 * A camera's detection records of a time range, from the detections topic, in the order they were written
 * (capture order per detector), at most {@code most} of them: the rest of the range is asked for from the
 * last one's capture time on.
 */
@ApplicationScoped
public class DetectionHistory {

    // Records are written right after analysis: stamped later than this after the range, none of it follows.
    private static final long LATEST_WRITE_MILLIS = 30_000;
    // Of a look-back: a few detectors at a few a second over an idle interval.
    private static final int MOST_LOOKBACK = 1_000;

    private final KafkaClients clients;
    private final DetectionFormat format;
    private final Rejections rejections;
    private final Replica replica;
    private final String topic;
    private final AtomicInteger readers = new AtomicInteger();

    public DetectionHistory(KafkaClients clients, DetectionFormat format, Rejections rejections, Replica replica,
            ConsumerSettings config) {
        this.clients = clients;
        this.format = format;
        this.rejections = rejections;
        this.replica = replica;
        this.topic = config.detections().topic();
    }

    /** Records and whether there were more than {@code most}. */
    public record Range(String camera, Instant from, Instant to, List<DetectionRecord> records, boolean truncated) {
    }

    public Range read(String camera, Instant from, Instant to, int most) {
        List<DetectionRecord> records = new ArrayList<>();
        boolean[] truncated = {false};
        try (KafkaConsumer<String, byte[]> consumer = clients.reader(
                "camstream-detections-history-" + replica.identity().replica() + "-" + readers.incrementAndGet(),
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            KeyedHistory.scan(consumer, topic, camera, from, record -> {
                if (record.timestamp() > to.toEpochMilli() + LATEST_WRITE_MILLIS) {
                    return false;
                }
                DetectionRecord detections = take(camera, record);
                if (detections == null || detections.capturedAt().isBefore(from) || detections.capturedAt().isAfter(to)) {
                    return true;
                }
                if (records.size() == most) {
                    truncated[0] = true;
                    return false;
                }
                records.add(detections);
                return true;
            });
        } catch (KafkaException e) {
            throw new TopicUnavailableException("the detections topic cannot be read now: " + e.getMessage());
        }
        return new Range(camera, from, to, records, truncated[0]);
    }

    /**
     * What was known of the camera's objects at {@code at}: its last detection record captured within
     * {@code within} before it (one per idle interval at least, on a still scene). Empty if none, or if the
     * topic cannot be read now: a picture is drawn without boxes then.
     */
    public Optional<DetectionRecord> knownAt(String camera, Instant at, Duration within) {
        try {
            // read() keeps only records captured in the range, so none is after at.
            return read(camera, at.minus(within), at, MOST_LOOKBACK).records().stream()
                    .max(Comparator.comparing(DetectionRecord::capturedAt));
        } catch (TopicUnavailableException e) {
            return Optional.empty();
        }
    }

    private DetectionRecord take(String camera, ConsumerRecord<String, byte[]> record) {
        if (!camera.equals(record.key()) || !DetectionFormat.isVersionOne(record)) {
            return null;
        }
        try {
            return format.read(record.key(), record.value());
        } catch (RejectedRecordException e) {
            rejections.count(e, record.topic() + "-" + record.partition() + "@" + record.offset());
            return null;
        }
    }
}
