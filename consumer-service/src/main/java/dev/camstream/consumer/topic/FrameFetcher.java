package dev.camstream.consumer.topic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.frame.FrameReader;
import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.frame.Rejections;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.stats.FrameStatistics.Source;

/**
 * Reads the one frame record that a camera's statistics name, for cameras processed by another replica:
 * assign and seek, never in the group, so it takes nothing from the group's processing. One fetch at a time;
 * callers ask only for a camera's latest frame, once per frame, so fetches never outpace the cameras. The
 * record is checked like any frame, and must be the frame the statistics describe.
 */
@ApplicationScoped
public class FrameFetcher {

    private static final Logger LOG = Logger.getLogger(FrameFetcher.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_RECORD_BYTES = 10 * 1024 * 1024;

    private final KafkaClients clients;
    private final FrameReader reader;
    private final Rejections rejections;
    private final Replica replica;
    private KafkaConsumer<String, byte[]> consumer;

    public FrameFetcher(KafkaClients clients, ConsumerSettings config, Rejections rejections,
            Replica replica) {
        this.clients = clients;
        this.reader = new FrameReader(config.maxPixels());
        this.rejections = rejections;
        this.replica = replica;
    }

    /**
     * The record of the frame {@code statistics} describe, checked: a JPEG, or an access unit that decodes
     * only from its camera's keyframe; empty if it cannot be read now (counted if it never can).
     */
    public synchronized Optional<FrameRecord> fetch(FrameStatistics statistics) {
        Source source = statistics.source();
        TopicPartition partition = new TopicPartition(source.topic(), source.partition());
        String where = source.topic() + "-" + source.partition() + "@" + source.offset();
        try {
            KafkaConsumer<String, byte[]> reading = consumer();
            reading.assign(List.of(partition));
            reading.seek(partition, source.offset());
            long deadline = System.nanoTime() + FETCH_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, byte[]> records = reading.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    return Optional.of(frameOf(records.iterator().next(), statistics));
                }
            }
            LOG.debugf("No frame at %s within %s", where, FETCH_TIMEOUT);
        } catch (OffsetOutOfRangeException e) {
            rejections.count(new RejectedRecordException(RejectReason.FRAME_GONE,
                    "the frames topic no longer holds offset " + source.offset()), where);
        } catch (RejectedRecordException e) {
            rejections.count(e, where);
        } catch (KafkaException e) {
            LOG.debugf("Fetching the frame at %s: %s", where, e.getMessage());
        }
        return Optional.empty();
    }

    private FrameRecord frameOf(ConsumerRecord<String, byte[]> record, FrameStatistics statistics) throws RejectedRecordException {
        if (record.offset() != statistics.source().offset()) {
            throw new RejectedRecordException(RejectReason.FRAME_GONE,
                    "no record at offset " + statistics.source().offset() + "; the next is " + record.offset());
        }
        FrameRecord frame = reader.read(record);
        if (!frame.cameraId().equals(statistics.camera()) || frame.seq() != statistics.seq()) {
            throw new RejectedRecordException(RejectReason.FRAME_MISMATCH, "statistics of " + statistics.camera()
                    + " #" + statistics.seq() + " name " + frame.cameraId() + " #" + frame.seq());
        }
        return frame;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        if (consumer == null) {
            consumer = clients.reader("camstream-frame-fetcher-" + replica.identity().replica(), Map.of(
                    // Out of range is an answer here (the frame is gone), not a reason to read elsewhere.
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50,
                    ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_RECORD_BYTES));
        }
        return consumer;
    }

    @PreDestroy
    synchronized void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(1));
            consumer = null;
        }
    }
}
