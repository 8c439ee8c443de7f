package dev.camstream.producer.frame;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Writes wire format v1 (docs/frame-format.md): key = camera id, value = the JPEG, timestamp = capture time,
 * and the v1 headers as UTF-8 text. The consumer keeps its own reader of the same spec.
 */
public final class FrameRecords {

    public static final String FORMAT_VERSION = "1";
    public static final String CONTENT_TYPE = "content-type";
    public static final String CAMERA_ID = "camera-id";
    public static final String FRAME_SEQ = "frame-seq";
    public static final String CAPTURE_TIME_US = "capture-time-us";
    public static final String WIDTH = "width";
    public static final String HEIGHT = "height";
    public static final String FORMAT_VERSION_HEADER = "format-version";
    public static final String IMAGE_JPEG = "image/jpeg";

    private FrameRecords() {
    }

    public static Headers headers(CapturedFrame frame) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, CONTENT_TYPE, IMAGE_JPEG);
        add(headers, CAMERA_ID, frame.cameraId());
        add(headers, FRAME_SEQ, Long.toString(frame.seq()));
        add(headers, CAPTURE_TIME_US, Long.toString(frame.captureTimeMicros()));
        add(headers, WIDTH, Integer.toString(frame.width()));
        add(headers, HEIGHT, Integer.toString(frame.height()));
        add(headers, FORMAT_VERSION_HEADER, FORMAT_VERSION);
        return headers;
    }

    /** Key, timestamp and headers of the frame's record; the topic comes from the channel's configuration. */
    public static OutgoingKafkaRecordMetadata<String> metadata(CapturedFrame frame) {
        return OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(frame.cameraId())
                .withTimestamp(captureInstant(frame))
                .withHeaders(headers(frame))
                .build();
    }

    /** The record timestamp: capture time in epoch milliseconds, so offsetsForTimes finds frames by when they were seen. */
    public static Instant captureInstant(CapturedFrame frame) {
        return Instant.EPOCH.plus(frame.captureTimeMicros(), ChronoUnit.MICROS).truncatedTo(ChronoUnit.MILLIS);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
