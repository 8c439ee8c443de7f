package dev.camstream.consumer.bus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.camstream.consumer.detect.Box;
import dev.camstream.consumer.detect.DetectedObject;
import dev.camstream.consumer.detect.DetectionRecord;
import dev.camstream.consumer.frame.FrameReader;
import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.RejectedRecordException;

/**
 * Detection format v1, the records of the detections topic (docs/detection-format.md), the one place of its
 * constants: key = camera id, value = a {@link DetectionRecord} as JSON, stamped with the frame's capture
 * time, header {@code format-version: 1}. Readers ignore fields they do not know.
 */
@ApplicationScoped
public class DetectionFormat {

    public static final String FORMAT_VERSION_HEADER = "format-version";
    public static final String FORMAT_VERSION = "1";
    static final byte[] FORMAT_VERSION_BYTES = FORMAT_VERSION.getBytes(StandardCharsets.UTF_8);
    /** At most this many objects per record, the best ones: a crowd is not a reason for an unbounded record. */
    public static final int MOST_OBJECTS = 100;

    private final ObjectMapper json;

    public DetectionFormat(ObjectMapper json) {
        this.json = json;
    }

    /** Whether a record of the detections topic is of this format: a value, and {@code format-version: 1}. */
    public static boolean isVersionOne(ConsumerRecord<String, byte[]> record) {
        Header version = record.headers().lastHeader(FORMAT_VERSION_HEADER);
        return record.value() != null && version != null
                && FORMAT_VERSION.equals(new String(version.value(), StandardCharsets.UTF_8));
    }

    public String write(DetectionRecord record) {
        try {
            return json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("detections of " + record.camera() + " do not serialise", e);
        }
    }

    /** The record keyed {@code key}; rejected if it is not detection format v1 or names another camera. */
    public DetectionRecord read(String key, byte[] value) throws RejectedRecordException {
        DetectionRecord record;
        try {
            record = json.readValue(value, DetectionRecord.class);
        } catch (IOException e) {
            throw invalid("not detection format v1 JSON");
        }
        if (record == null || record.camera() == null || !record.camera().equals(key)
                || !FrameReader.CAMERA_ID.matcher(record.camera()).matches()) {
            throw invalid("camera missing, not a camera id, or not the key");
        }
        if (record.capturedAt() == null || record.detector() == null || record.objects() == null
                || record.objects().size() > MOST_OBJECTS || record.width() <= 0 || record.height() <= 0) {
            throw invalid("capturedAt, detector, size and at most " + MOST_OBJECTS + " objects are required");
        }
        for (DetectedObject object : record.objects()) {
            Box box = object.box();
            if (object.label() == null || box == null || object.zones() == null) {
                throw invalid("an object needs a label, a box and zones");
            }
        }
        return record;
    }

    private static RejectedRecordException invalid(String message) {
        return new RejectedRecordException(RejectReason.INVALID_DETECTIONS, message);
    }
}
