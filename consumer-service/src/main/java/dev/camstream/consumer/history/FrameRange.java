package dev.camstream.consumer.history;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.topic.FramesTopic;
import dev.camstream.consumer.topic.LoggedFrame;
import dev.camstream.consumer.topic.PartitionScan;
import dev.camstream.consumer.topic.TopicReaders;

/**
 * A camera's frames of a time range, read in order from the frames topic by a consumer of this range's own.
 * It starts at the first record captured at the range's start ({@code offsetsForTimes}) and ends at the
 * camera's first frame after the range, at records stamped well after it, or at the end the partition had
 * when the range was opened: a range never waits for frames still to come. Not thread-safe.
 */
public final class FrameRange implements AutoCloseable {

    private final FramesTopic frames;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String camera;
    private final TopicPartition where;
    private final long fromMicros;
    private final long toMicros;
    private final long end;
    private final Deque<ConsumerRecord<String, byte[]>> fetched = new ArrayDeque<>();
    private boolean done;

    FrameRange(FramesTopic frames, KafkaConsumer<String, byte[]> consumer, String camera, TopicPartition where, long fromMicros,
            long toMicros) {
        this.frames = frames;
        this.consumer = consumer;
        this.camera = camera;
        this.where = where;
        this.fromMicros = fromMicros;
        this.toMicros = toMicros;
        consumer.assign(List.of(where));
        this.end = consumer.endOffsets(List.of(where)).get(where);
        // Capture times are at least the record timestamps (which drop the microseconds).
        OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(where, fromMicros / 1000)).get(where);
        if (start == null) {
            done = true;
        } else {
            consumer.seek(where, start.offset());
        }
    }

    /** The next frame of the range; empty when the range is over. Throws {@link TopicUnavailableException}. */
    public Optional<LoggedFrame> next() {
        try {
            while (!done) {
                ConsumerRecord<String, byte[]> record = nextRecord();
                if (record == null || record.offset() >= end || record.timestamp() > toMicros / 1000 + FrameLog.LATEST_APPEND_MILLIS) {
                    done = true;
                    break;
                }
                Optional<FrameRecord> frame = frames.frameOf(camera, record);
                if (frame.isEmpty() || frame.get().captureTimeMicros() < fromMicros) {
                    continue;
                }
                if (frame.get().captureTimeMicros() > toMicros) {
                    done = true;
                    break;
                }
                return Optional.of(new LoggedFrame(frame.get(), where.partition(), record.offset()));
            }
            return Optional.empty();
        } catch (KafkaException e) {
            throw TopicReaders.unavailable(e);
        }
    }

    private ConsumerRecord<String, byte[]> nextRecord() {
        if (fetched.isEmpty()) {
            fetched.addAll(PartitionScan.next(consumer, where, end));
        }
        return fetched.poll();
    }

    @Override
    public void close() {
        fetched.clear();
        consumer.close(Duration.ZERO);
    }
}
