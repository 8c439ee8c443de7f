package dev.camstream.consumer.history;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads one partition between two offsets, record by record, with a consumer that is in no group. */
final class PartitionScan {

    private static final Duration POLL = Duration.ofMillis(200);
    // The broker answers a fetch of what it holds within milliseconds: this long without records means it is away.
    private static final Duration STALL = Duration.ofSeconds(5);

    /** What to do with each record; {@code false} stops the scan. */
    interface Visitor {
        boolean visit(ConsumerRecord<String, byte[]> record);
    }

    private PartitionScan() {
    }

    /**
     * Visits the records from offset {@code from} up to, not including, {@code until}, until the visitor says
     * stop; returns how many it visited. Throws {@link HistoryUnavailableException} if the broker stops answering.
     */
    static long scan(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, long from, long until,
            Visitor visitor) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long visited = 0;
        long deadline = System.nanoTime() + STALL.toNanos();
        while (consumer.position(partition) < until) {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
            if (records.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new HistoryUnavailableException("the frames topic did not answer within " + STALL.toSeconds() + " s");
                }
                continue;
            }
            deadline = System.nanoTime() + STALL.toNanos();
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (record.offset() >= until) {
                    return visited;
                }
                visited++;
                if (!visitor.visit(record)) {
                    return visited;
                }
            }
        }
        return visited;
    }
}
