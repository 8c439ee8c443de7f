package dev.camstream.consumer.topic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads the records of one key from a time on, in a topic whose records are stamped with capture time and
 * keyed by camera id (statistics, detections): the partition the default partitioner puts the key in, from
 * the first record stamped at {@code from} ({@code offsetsForTimes}) to the end as it is now.
 */
public final class KeyedHistory {

    private KeyedHistory() {
    }

    /** Visits the records of the key's partition from {@code from} on; the visitor filters by key and says when to stop. */
    public static void scan(KafkaConsumer<String, byte[]> consumer, String topic, String key, Instant from,
            PartitionScan.Visitor visitor) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic);
        if (partitions == null || partitions.isEmpty()) {
            return;
        }
        int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions.size();
        TopicPartition where = new TopicPartition(topic, partition);
        consumer.assign(List.of(where));
        long end = consumer.endOffsets(List.of(where)).get(where);
        OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(where, from.toEpochMilli())).get(where);
        if (start != null) {
            PartitionScan.scan(consumer, where, start.offset(), end, visitor);
        }
    }
}
