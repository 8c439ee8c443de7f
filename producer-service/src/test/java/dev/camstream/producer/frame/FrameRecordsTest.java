package dev.camstream.producer.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

class FrameRecordsTest {

    private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9 };

    @Test
    void writesEveryV1HeaderAsUtf8Text() {
        CapturedFrame frame = CapturedFrame.jpeg("door-1", 42, 1_764_000_000_123_456L, 640, 480, JPEG, IgnoredReport.INSTANCE);

        Map<String, String> headers = text(frame);

        assertThat(headers).containsExactly(
                Map.entry("content-type", "image/jpeg"),
                Map.entry("camera-id", "door-1"),
                Map.entry("frame-seq", "42"),
                Map.entry("capture-time-us", "1764000000123456"),
                Map.entry("width", "640"),
                Map.entry("height", "480"),
                Map.entry("format-version", "1"));
    }

    @Test
    void writesAKeyframeOfCodedVideoAsV2WithItsParameterSetsInBase64() {
        byte[] parameterSets = { 0, 0, 0, 1, 0x67, 0x42, 0, 0, 0, 1, 0x68, (byte) 0xce };
        CapturedFrame frame = new CapturedFrame("door-1", 7, 1_764_000_000_123_456L, 1280, 720, new byte[] { 0, 0, 1, 0x65 },
                CodedVideo.keyframe(VideoCodec.H264, parameterSets), IgnoredReport.INSTANCE);

        Map<String, String> headers = text(frame);

        assertThat(headers).containsExactly(
                Map.entry("content-type", "video/h264"),
                Map.entry("camera-id", "door-1"),
                Map.entry("frame-seq", "7"),
                Map.entry("capture-time-us", "1764000000123456"),
                Map.entry("width", "1280"),
                Map.entry("height", "720"),
                Map.entry("format-version", "2"),
                Map.entry("codec", "h264"),
                Map.entry("keyframe", "true"),
                Map.entry("codec-parameters", Base64.getEncoder().encodeToString(parameterSets)));
    }

    @Test
    void writesADeltaUnitOfH265WithoutParameterSets() {
        CapturedFrame frame = new CapturedFrame("lab", 8, 1_764_000_000_163_456L, 1920, 1080, new byte[] { 0, 0, 1, 2, 1 },
                CodedVideo.delta(VideoCodec.H265), IgnoredReport.INSTANCE);

        Map<String, String> headers = text(frame);

        assertThat(headers).containsEntry("content-type", "video/h265").containsEntry("format-version", "2")
                .containsEntry("codec", "h265").containsEntry("keyframe", "false").doesNotContainKey("codec-parameters");
    }

    private static Map<String, String> text(CapturedFrame frame) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : FrameRecords.headers(frame)) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    @Test
    void keyIsCameraIdAndTimestampIsCaptureTimeInMillis() {
        CapturedFrame frame = CapturedFrame.jpeg("lab", 1, 1_764_000_000_123_456L, 320, 240, JPEG, IgnoredReport.INSTANCE);

        OutgoingKafkaRecordMetadata<String> metadata = FrameRecords.metadata(frame);

        assertThat(metadata.getKey()).isEqualTo("lab");
        assertThat(metadata.getTimestamp()).isEqualTo(Instant.ofEpochMilli(1_764_000_000_123L));
        assertThat(metadata.getTopic()).isNull();
        assertThat(metadata.getHeaders().lastHeader("frame-seq").value()).isEqualTo("1".getBytes(StandardCharsets.UTF_8));
    }
}
