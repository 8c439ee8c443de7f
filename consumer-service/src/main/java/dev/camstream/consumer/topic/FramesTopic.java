package dev.camstream.consumer.topic;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.frame.FrameReader;
import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.frame.Rejections;

/**
 * The frames topic as it is read back (history, and decoders joining a camera mid-group): its name, and its
 * records checked like any frame, so that what is read back is trusted no more than what is consumed.
 */
@ApplicationScoped
public class FramesTopic {

    /**
     * Records read back first (before the first one captured after the time asked, or before a unit to
     * decode): enough for a few cameras in the partition; readers grow it fourfold while what they look for
     * is not there.
     */
    public static final long FIRST_WINDOW = 8;

    private final String name;
    private final FrameReader reader;
    private final Rejections rejections;

    public FramesTopic(ConsumerSettings config, Rejections rejections,
            @ConfigProperty(name = "mp.messaging.incoming.frames.topic") String name) {
        this.name = name;
        this.reader = new FrameReader(config.maxPixels());
        this.rejections = rejections;
    }

    /** The topic's name. */
    public String name() {
        return name;
    }

    /** The record as a frame if it is a readable frame of {@code camera}; a record of it that is not is counted. */
    public Optional<FrameRecord> frameOf(String camera, ConsumerRecord<String, byte[]> record) {
        if (!camera.equals(record.key())) {
            return Optional.empty();
        }
        try {
            return Optional.of(reader.read(record));
        } catch (RejectedRecordException e) {
            rejections.count(e, record.topic() + "-" + record.partition() + "@" + record.offset());
            return Optional.empty();
        }
    }
}
