package dev.camstream.producer.frame;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Writes wire formats v1 and v2 (docs/frame-format.md): key = camera id, timestamp = capture time, value = the
 * JPEG (v1) or one access unit of the camera's H.264/H.265 in Annex B (v2), and the headers as UTF-8 text.
 * The consumer keeps its own reader of the same spec.
 */
public final class FrameRecords {

    public static final String FORMAT_VERSION = "1";
    public static final String CODED_VIDEO_FORMAT_VERSION = "2";
    public static final String CONTENT_TYPE = "content-type";
    public static final String CAMERA_ID = "camera-id";
    public static final String FRAME_SEQ = "frame-seq";
    public static final String CAPTURE_TIME_US = "capture-time-us";
    public static final String WIDTH = "width";
    public static final String HEIGHT = "height";
    public static final String FORMAT_VERSION_HEADER = "format-version";
    public static final String IMAGE_JPEG = "image/jpeg";
    // Wire format v2 only.
    public static final String CODEC = "codec";
    public static final String KEYFRAME = "keyframe";
    public static final String PARAMETER_SETS = "codec-parameters";

    private FrameRecords() {
    }

    public static Headers headers(CapturedFrame frame) {
        RecordHeaders headers = new RecordHeaders();
        CodedVideo video = frame.video();
        add(headers, CONTENT_TYPE, video == null ? IMAGE_JPEG : video.codec().contentType());
        add(headers, CAMERA_ID, frame.cameraId());
        add(headers, FRAME_SEQ, Long.toString(frame.seq()));
        add(headers, CAPTURE_TIME_US, Long.toString(frame.captureTimeMicros()));
        add(headers, WIDTH, Integer.toString(frame.width()));
        add(headers, HEIGHT, Integer.toString(frame.height()));
        if (video == null) {
            add(headers, FORMAT_VERSION_HEADER, FORMAT_VERSION);
            return headers;
        }
        add(headers, FORMAT_VERSION_HEADER, CODED_VIDEO_FORMAT_VERSION);
        add(headers, CODEC, video.codec().wireName());
        add(headers, KEYFRAME, Boolean.toString(video.keyframe()));
        if (video.parameterSets() != null) {
            // Base64, so that every header stays text a person can read with any Kafka tool.
            add(headers, PARAMETER_SETS, Base64.getEncoder().encodeToString(video.parameterSets()));
        }
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
