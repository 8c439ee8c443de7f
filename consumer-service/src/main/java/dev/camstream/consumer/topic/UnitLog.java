package dev.camstream.consumer.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import dev.camstream.consumer.frame.FrameRecord;

/**
 * A passthrough camera's access units (wire format v2) read back from the frames topic by offset, for its
 * decoders: the units since its last keyframe before a unit, to decode that unit from, and the units between
 * two offsets, to go forward. Reads with a reader lent by the {@link TopicReaders}, and checks records as the
 * {@link FramesTopic} does.
 */
@ApplicationScoped
public class UnitLog {

    /**
     * How far back a camera's last keyframe is looked for, in records of its partition: 32 s of 10 cameras at
     * 25 fps sharing it. A camera whose keyframes are further apart cannot be decoded from mid-group.
     */
    public static final long LONGEST_READ_BACK = 8192;

    private final TopicReaders readers;
    private final FramesTopic frames;

    public UnitLog(TopicReaders readers, FramesTopic frames) {
        this.readers = readers;
        this.frames = frames;
    }

    /**
     * The camera's access units from its last keyframe before offset {@code until} up to it (not included),
     * in order: what its decoder needs before the unit at {@code until}. Empty if no keyframe of the camera lies
     * within {@value #LONGEST_READ_BACK} records before it. Reads windows growing fourfold back from
     * {@code until}, keeping only the units after the last keyframe seen: one group of pictures in memory.
     */
    public List<FrameRecord> unitsSinceKeyframe(String camera, int partition, long until) {
        TopicPartition where = new TopicPartition(frames.name(), partition);
        return readers.lend(consumer -> {
            consumer.assign(List.of(where));
            long begin = consumer.beginningOffsets(List.of(where)).get(where);
            for (long window = FramesTopic.FIRST_WINDOW;; window = Math.min(window * 4, LONGEST_READ_BACK)) {
                long from = Math.max(begin, until - window);
                GroupOfPictures group = new GroupOfPictures(camera);
                PartitionScan.scan(consumer, where, from, until, group::take);
                if (group.units != null) {
                    return group.units;
                }
                if (from == begin || window == LONGEST_READ_BACK) {
                    return List.of();
                }
            }
        });
    }

    /**
     * The camera's access units at offsets from {@code from} up to {@code until} (not included), in order, with
     * where they lie: what a decoder that decoded the unit before {@code from} needs to reach {@code until}.
     */
    public List<LoggedFrame> unitsBetween(String camera, int partition, long from, long until) {
        TopicPartition where = new TopicPartition(frames.name(), partition);
        return readers.lend(consumer -> {
            List<LoggedFrame> units = new ArrayList<>();
            PartitionScan.scan(consumer, where, from, until, record -> {
                unitOf(camera, record).ifPresent(unit -> units.add(new LoggedFrame(unit, partition, record.offset())));
                return true;
            });
            return units;
        });
    }

    /** The record as an access unit of the camera: empty if it is another camera's, a JPEG, or unreadable (counted). */
    private Optional<FrameRecord> unitOf(String camera, ConsumerRecord<String, byte[]> record) {
        return frames.frameOf(camera, record).filter(unit -> !unit.isJpeg());
    }

    /** The camera's access units since the last keyframe among the records visited; null before one. */
    private final class GroupOfPictures {
        private final String camera;
        private List<FrameRecord> units;

        GroupOfPictures(String camera) {
            this.camera = camera;
        }

        boolean take(ConsumerRecord<String, byte[]> record) {
            Optional<FrameRecord> frame = unitOf(camera, record);
            if (frame.isEmpty()) {
                return true;
            }
            if (frame.get().video().keyframe()) {
                units = new ArrayList<>();
            }
            if (units != null) {
                units.add(frame.get());
            }
            return true;
        }
    }
}
