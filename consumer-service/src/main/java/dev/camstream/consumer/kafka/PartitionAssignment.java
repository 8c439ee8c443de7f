package dev.camstream.consumer.kafka;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * The partitions of the frames topic this replica holds, as the group hands them out. Until the first
 * assignment the replica sees no frame at all, so readiness waits for it: a replica that restarted is not
 * ready while it is blind.
 */
@ApplicationScoped
@Identifier(PartitionAssignment.NAME)
public class PartitionAssignment implements KafkaConsumerRebalanceListener {

    /** The name {@code consumer-rebalance-listener.name} of the frames channel refers to. */
    public static final String NAME = "frames-partitions";

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private volatile boolean joined;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
        joined = true;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    /** Whether the group has assigned this replica its share (possibly none, with more replicas than partitions). */
    public boolean joined() {
        return joined;
    }

    public int partitions() {
        return assigned.size();
    }
}
