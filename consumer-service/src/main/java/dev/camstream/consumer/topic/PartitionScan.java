package dev.camstream.consumer.topic;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads one partition between two offsets, record by record, with a consumer that is in no group. */
public final class PartitionScan {

    private static final Duration POLL = Duration.ofMillis(200);
    // The broker answers a fetch of what it holds within milliseconds: this long without records means it is away.
    private static final Duration STALL = Duration.ofSeconds(5);

    /** What to do with each record; {@code false} stops the scan. */
    public interface Visitor {
        boolean visit(ConsumerRecord<String, byte[]> record);
    }

    private PartitionScan() {
    }

    /**
     * Visits the records from offset {@code from} up to, not including, {@code until}, until the visitor says
     * stop. Throws {@link TopicUnavailableException} if the broker stops answering.
     */
    public static void scan(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, long from, long until,
            Visitor visitor) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        for (List<ConsumerRecord<String, byte[]>> records = next(consumer, partition, until); !records.isEmpty();
                records = next(consumer, partition, until)) {
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.offset() >= until || !visitor.visit(record)) {
                    return;
                }
            }
        }
    }

    /**
     * The next records of the partition the consumer is assigned, from its position; empty once that position
     * reaches {@code until}. Throws {@link TopicUnavailableException} if the broker stops answering.
     */
    public static List<ConsumerRecord<String, byte[]>> next(KafkaConsumer<String, byte[]> consumer, TopicPartition partition,
            long until) {
        long deadline = System.nanoTime() + STALL.toNanos();
        while (consumer.position(partition) < until) {
            List<ConsumerRecord<String, byte[]>> records = consumer.poll(POLL).records(partition);
            if (!records.isEmpty()) {
                return records;
            }
            if (System.nanoTime() > deadline) {
                throw new TopicUnavailableException("the topic " + partition.topic() + " did not answer within "
                        + STALL.toSeconds() + " s");
            }
        }
        return List.of();
    }
}
