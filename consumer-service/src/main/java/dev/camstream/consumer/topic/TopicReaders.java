package dev.camstream.consumer.topic;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;

import dev.camstream.consumer.ConsumerSettings;

/**
 * The consumers that read the frames topic back, all outside any group (assign and seek), so that looking
 * back takes nothing from the group's processing: a few kept for lookups ({@code camstream.history.lookups}),
 * lent one request at a time, and one of its own for each range read from start to end.
 */
@ApplicationScoped
public class TopicReaders {

    private static final Duration LEASE_WAIT = Duration.ofSeconds(5);
    // A lookup reads a handful of records: fetch about that much, not Kafka's 50 MB.
    private static final int LOOKUP_FETCH_BYTES = 2 * 1024 * 1024;
    private static final int RANGE_FETCH_BYTES = 8 * 1024 * 1024;

    private final KafkaClients clients;
    private final String clientId;
    private final Semaphore lookups;
    private final Deque<KafkaConsumer<String, byte[]>> idle = new ArrayDeque<>();
    // Client ids must differ between the consumers that exist at once.
    private final AtomicInteger created = new AtomicInteger();
    private boolean closed;

    public TopicReaders(KafkaClients clients, ConsumerSettings config, Replica replica) {
        this.clients = clients;
        this.clientId = "camstream-history-" + replica.identity().replica();
        this.lookups = new Semaphore(config.history().lookups(), true);
    }

    /** What a lookup does with the reader it is lent. */
    public interface Lookup<T> {
        T run(KafkaConsumer<String, byte[]> consumer);
    }

    /**
     * Runs {@code lookup} with a reader lent for it, waiting a few seconds at most for one to be free; a Kafka
     * error, or no reader free in time, is a {@link TopicUnavailableException}.
     */
    public <T> T lend(Lookup<T> lookup) {
        try {
            if (!lookups.tryAcquire(LEASE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TopicUnavailableException("all readers of the frames topic stayed busy for " + LEASE_WAIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicUnavailableException("interrupted");
        }
        KafkaConsumer<String, byte[]> consumer = null;
        boolean healthy = false;
        try {
            consumer = take();
            T result = lookup.run(consumer);
            healthy = true;
            return result;
        } catch (KafkaException e) {
            throw unavailable(e);
        } finally {
            giveBack(consumer, healthy);
            lookups.release();
        }
    }

    /** A reader for one range, read in order: the caller closes it. */
    public KafkaConsumer<String, byte[]> forRange() {
        return clients.reader(nextClientId(), Map.of(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // A range holds a few frames ahead of the one it sends, not a poll of 500.
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 16,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, RANGE_FETCH_BYTES,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, RANGE_FETCH_BYTES));
    }

    public static TopicUnavailableException unavailable(RuntimeException e) {
        return e instanceof TopicUnavailableException unavailable ? unavailable
                : new TopicUnavailableException("the frames topic cannot be read now: " + e.getMessage());
    }

    private String nextClientId() {
        return clientId + "-" + created.incrementAndGet();
    }

    private synchronized KafkaConsumer<String, byte[]> take() {
        if (closed) {
            throw new TopicUnavailableException("stopping");
        }
        KafkaConsumer<String, byte[]> consumer = idle.poll();
        return consumer != null ? consumer : clients.reader(nextClientId(), Map.of(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, LOOKUP_FETCH_BYTES,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, LOOKUP_FETCH_BYTES));
    }

    private synchronized void giveBack(KafkaConsumer<String, byte[]> consumer, boolean healthy) {
        if (consumer == null) {
            return;
        }
        if (closed || !healthy) {
            consumer.close(Duration.ZERO);
        } else {
            consumer.unsubscribe(); // drops what it fetched ahead, so an idle reader holds no frames
            idle.push(consumer);
        }
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        idle.forEach(consumer -> consumer.close(Duration.ofSeconds(1)));
        idle.clear();
    }
}
