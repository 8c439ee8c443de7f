package dev.camstream.consumer.history;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.memory.LeastRecentlyUsed;
import dev.camstream.consumer.topic.FramesTopic;
import dev.camstream.consumer.topic.LoggedFrame;
import dev.camstream.consumer.topic.PartitionScan;
import dev.camstream.consumer.topic.TopicReaders;
import dev.camstream.consumer.topic.TopicUnavailableException;

/**
 * Finds a camera's frames in the frames topic by capture time: {@code offsetsForTimes} gives the first record
 * captured after the time asked, and a few records around it are read, because the cameras that share a
 * partition interleave there. It reads with the {@link TopicReaders}: one lent for each lookup, one of
 * its own for each range ({@link #openRange}).
 */
@ApplicationScoped
public class FrameLog {

    // Records read per step of the search for a camera's first frame: more than the cameras sharing a partition.
    private static final long PROBE = 64;
    // A frame is appended well within this of its capture: records stamped later than this after the time
    // asked cannot be followed by the camera's frame of that time.
    static final long LATEST_APPEND_MILLIS = 10_000;

    private final TopicReaders readers;
    private final FramesTopic frames;
    private final Map<String, Oldest> oldest;

    public FrameLog(TopicReaders readers, FramesTopic frames, ConsumerSettings config) {
        this.readers = readers;
        this.frames = frames;
        this.oldest = new LeastRecentlyUsed<>(config.maxCameras());
    }

    /** The camera's frame captured at {@code time} or the latest before it; empty if the partition holds none. */
    public Optional<LoggedFrame> at(String camera, int partition, Instant time) {
        TopicPartition where = new TopicPartition(frames.name(), partition);
        long timeMicros = micros(time);
        return readers.lend(consumer -> {
            consumer.assign(List.of(where));
            long begin = consumer.beginningOffsets(List.of(where)).get(where);
            long end = consumer.endOffsets(List.of(where)).get(where);
            // Record timestamps are capture times in milliseconds: the first one after the time asked.
            OffsetAndTimestamp after = consumer.offsetsForTimes(Map.of(where, Math.floorDiv(timeMicros, 1000) + 1)).get(where);
            long boundary = after == null ? end : after.offset();
            // Nothing to look for before the camera's first frame: a camera that started after others in its
            // partition, or a time before it.
            Optional<Oldest> first = oldestFrame(consumer, camera, where, begin, end);
            if (first.isEmpty() || micros(first.get().capturedAt()) > timeMicros) {
                return Optional.empty();
            }
            long start = first.get().offset();
            Latest latest = new Latest(camera, timeMicros, where);
            // From just before the boundary on, until the camera's first frame after the time: a camera whose
            // record was appended after another camera's later frames still counts.
            long window = FramesTopic.FIRST_WINDOW;
            long from = Math.max(start, boundary - window);
            PartitionScan.scan(consumer, where, from, end, latest::take);
            while (latest.found == null && from > start) {
                long until = from;
                window *= 4;
                from = Math.max(start, until - window);
                PartitionScan.scan(consumer, where, from, until, latest::take);
            }
            return Optional.ofNullable(latest.found);
        });
    }

    /**
     * When the camera's oldest frame still in the topic was captured; empty if the partition holds none.
     * Remembered, with its offset, until retention deletes that frame.
     */
    public Optional<Instant> oldest(String camera, int partition) {
        TopicPartition where = new TopicPartition(frames.name(), partition);
        return readers.lend(consumer -> {
            consumer.assign(List.of(where));
            long begin = consumer.beginningOffsets(List.of(where)).get(where);
            long end = consumer.endOffsets(List.of(where)).get(where);
            return oldestFrame(consumer, camera, where, begin, end).map(Oldest::capturedAt);
        });
    }

    private Optional<Oldest> oldestFrame(KafkaConsumer<String, byte[]> consumer, String camera, TopicPartition where,
            long begin, long end) {
        synchronized (oldest) {
            Oldest known = oldest.get(camera);
            if (known != null && known.partition == where.partition() && known.offset >= begin) {
                return Optional.of(known);
            }
        }
        Optional<Oldest> found = firstFrame(consumer, camera, where, begin, end);
        found.ifPresent(first -> {
            synchronized (oldest) {
                oldest.put(camera, first);
            }
        });
        return found;
    }

    /**
     * The camera's first frame in the partition. A camera that started after others shares the partition with
     * them: rather than reading everything before its first frame, this halves the offsets between "no frame
     * of it in the next {@value #PROBE} records" and "one there" (a camera, once started, sends frames all the
     * time), reading {@value #PROBE} records per step. A camera that was away for longer than that many
     * records may be found from its return on.
     */
    private Optional<Oldest> firstFrame(KafkaConsumer<String, byte[]> consumer, String camera, TopicPartition where,
            long begin, long end) {
        Optional<Oldest> first = probe(consumer, camera, where, begin, end);
        if (first.isPresent()) {
            return first;
        }
        long without = begin;
        long with = end;
        while (with - without > PROBE) {
            long middle = without + (with - without) / 2;
            Optional<Oldest> found = probe(consumer, camera, where, middle, end);
            if (found.isPresent()) {
                with = middle;
                first = found;
            } else {
                without = middle;
            }
        }
        // Nothing in the PROBE records from "without", and "with" is at most PROBE further: the frame found
        // from "with" is the first.
        return first;
    }

    /** The camera's first readable frame among the {@value #PROBE} records from {@code from}. */
    private Optional<Oldest> probe(KafkaConsumer<String, byte[]> consumer, String camera, TopicPartition where,
            long from, long end) {
        Oldest[] found = new Oldest[1];
        PartitionScan.scan(consumer, where, from, Math.min(end, from + PROBE), record -> {
            frames.frameOf(camera, record).ifPresent(frame -> found[0] = new Oldest(where.partition(), record.offset(), frame.capturedAt()));
            return found[0] == null;
        });
        return Optional.ofNullable(found[0]);
    }

    /**
     * The camera's frames captured from {@code from} to {@code to}, in order, read by a consumer of their own
     * until the range ends or what the topic held when this opened is read. Close it when done.
     */
    public FrameRange openRange(String camera, int partition, Instant from, Instant to) {
        KafkaConsumer<String, byte[]> consumer = readers.forRange();
        try {
            return new FrameRange(frames, consumer, camera, new TopicPartition(frames.name(), partition), micros(from), micros(to));
        } catch (KafkaException | TopicUnavailableException e) {
            consumer.close(Duration.ZERO);
            throw TopicReaders.unavailable(e);
        }
    }

    static long micros(Instant time) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, time);
    }

    /** The camera's latest readable frame captured at or before the time, among the records visited. */
    private final class Latest {
        private final String camera;
        private final long timeMicros;
        private final TopicPartition where;
        private LoggedFrame found;

        Latest(String camera, long timeMicros, TopicPartition where) {
            this.camera = camera;
            this.timeMicros = timeMicros;
            this.where = where;
        }

        /** Takes a record; {@code false} once the camera's frames pass the time, as nothing after can count. */
        boolean take(ConsumerRecord<String, byte[]> record) {
            if (record.timestamp() > timeMicros / 1000 + LATEST_APPEND_MILLIS) {
                return false;
            }
            Optional<FrameRecord> frame = frames.frameOf(camera, record);
            if (frame.isEmpty()) {
                return true;
            }
            if (frame.get().captureTimeMicros() > timeMicros) {
                return false;
            }
            if (found == null || frame.get().captureTimeMicros() >= found.frame().captureTimeMicros()) {
                found = new LoggedFrame(frame.get(), where.partition(), record.offset());
            }
            return true;
        }
    }

    private record Oldest(int partition, long offset, Instant capturedAt) {
    }
}
