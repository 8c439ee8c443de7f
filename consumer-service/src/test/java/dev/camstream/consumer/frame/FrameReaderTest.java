package dev.camstream.consumer.frame;

import static dev.camstream.consumer.TestFrames.add;
import static dev.camstream.consumer.TestFrames.nowMicros;
import static dev.camstream.consumer.TestFrames.record;
import static dev.camstream.consumer.TestFrames.solidJpeg;
import static dev.camstream.consumer.TestFrames.v1Headers;
import static dev.camstream.consumer.TestFrames.v2Headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

    private static final byte[] JPEG = solidJpeg(64, 48, 10, 200, 30);
    private static final byte[] UNIT = { 0, 0, 0, 1, 0x65, (byte) 0x88, (byte) 0x84, 0x21 };
    private final FrameReader reader = new FrameReader(1920L * 1080);

    @Test
    void readsAValidRecord() throws RejectedRecordException {
        FrameRecord frame = reader.read(record("cam-1", v1Headers("cam-1", 7, 1_700_000_000_000_000L, 64, 48), JPEG, 0));

        assertThat(frame.cameraId()).isEqualTo("cam-1");
        assertThat(frame.seq()).isEqualTo(7);
        assertThat(frame.captureTimeMicros()).isEqualTo(1_700_000_000_000_000L);
        assertThat(frame.width()).isEqualTo(64);
        assertThat(frame.height()).isEqualTo(48);
    }

    @Test
    void rejectsMissingOrInvalidKey() {
        assertRejected(record(null, headers(), JPEG, 0), RejectReason.INVALID_KEY);
        assertRejected(record("../../etc/passwd", headers(), JPEG, 0), RejectReason.INVALID_KEY);
        assertRejected(record("x".repeat(65), headers(), JPEG, 0), RejectReason.INVALID_KEY);
        assertRejected(record(null, new RecordHeaders(), new byte[0], 0), RejectReason.INVALID_KEY);
    }

    @Test
    void rejectsCameraIdHeaderThatDiffersFromKey() {
        RecordHeaders headers = headers();
        add(headers, "camera-id", "other");
        assertRejected(record("cam-1", headers, JPEG, 0), RejectReason.CAMERA_ID_MISMATCH);
    }

    @Test
    void rejectsUnknownOrMissingFormatVersion() {
        RecordHeaders v3 = headers();
        add(v3, "format-version", "3");
        assertRejected(record("cam-1", v3, JPEG, 0), RejectReason.UNKNOWN_FORMAT_VERSION);
        RecordHeaders none = headers();
        none.remove("format-version");
        assertRejected(record("cam-1", none, JPEG, 0), RejectReason.UNKNOWN_FORMAT_VERSION);
    }

    @Test
    void rejectsMissingOrNonNumericHeaders() {
        RecordHeaders noSeq = headers();
        noSeq.remove("frame-seq");
        assertRejected(record("cam-1", noSeq, JPEG, 0), RejectReason.BAD_HEADER);
        RecordHeaders wordWidth = headers();
        add(wordWidth, "width", "wide");
        assertRejected(record("cam-1", wordWidth, JPEG, 0), RejectReason.BAD_HEADER);
        RecordHeaders zero = headers();
        add(zero, "height", "0");
        assertRejected(record("cam-1", zero, JPEG, 0), RejectReason.BAD_HEADER);
    }

    @Test
    void rejectsValueThatIsNotAJpeg() {
        assertRejected(record("cam-1", headers(), "{\"pixels\":[1,2,3]}".getBytes(), 0), RejectReason.NOT_JPEG);
        assertRejected(record("cam-1", headers(), new byte[0], 0), RejectReason.NOT_JPEG);
        assertRejected(record("cam-1", headers(), null, 0), RejectReason.NOT_JPEG);
    }

    @Test
    void rejectsHugeStatedSizeBeforeLookingAtPixels() {
        RecordHeaders huge = v1Headers("cam-1", 1, nowMicros(), 99_999, 99_999);
        assertRejected(record("cam-1", huge, new byte[1_500_000], 0), RejectReason.TOO_LARGE);
    }

    @Test
    void rejectsJpegWhoseRealSizeDiffersFromHeaders() {
        RecordHeaders lies = v1Headers("cam-1", 1, nowMicros(), 32, 24);
        assertRejected(record("cam-1", lies, JPEG, 0), RejectReason.SIZE_MISMATCH);
    }

    @Test
    void rejectsJpegWithoutFrameHeader() {
        byte[] truncated = Arrays.copyOf(JPEG, 6);
        assertRejected(record("cam-1", headers(), truncated, 0), RejectReason.UNDECODABLE);
    }

    @Test
    void readsAnAccessUnitOfV2WithItsParameterSets() throws RejectedRecordException {
        byte[] parameterSets = { 0, 0, 0, 1, 0x67, 0x42, 0, 0, 0, 1, 0x68, (byte) 0xce };
        FrameRecord frame = reader.read(record("cam-1", v2Headers("cam-1", 9, nowMicros(), 1280, 720, true, parameterSets),
                UNIT, 0));

        assertThat(frame.isJpeg()).isFalse();
        assertThat(frame.video().codec()).isEqualTo(VideoCodec.H264);
        assertThat(frame.video().keyframe()).isTrue();
        assertThat(frame.video().parameterSets()).containsExactly(parameterSets);
        assertThat(frame.video().decoderInput(frame.data())).hasSize(parameterSets.length + UNIT.length);
        assertThat(frame.width()).isEqualTo(1280);
        assertThatThrownBy(frame::jpeg).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsV2RecordsThatBreakTheFormat() {
        RecordHeaders vp9 = v2("cam-1");
        add(vp9, "codec", "vp9");
        assertRejected(record("cam-1", vp9, UNIT, 0), RejectReason.NOT_VIDEO);
        assertRejected(record("cam-1", v2("cam-1"), JPEG, 0), RejectReason.NOT_VIDEO);
        assertRejected(record("cam-1", v2("cam-1"), new byte[0], 0), RejectReason.NOT_VIDEO);
        RecordHeaders jpegType = v2("cam-1");
        add(jpegType, "content-type", "image/jpeg");
        assertRejected(record("cam-1", jpegType, UNIT, 0), RejectReason.BAD_HEADER);
        RecordHeaders maybe = v2("cam-1");
        add(maybe, "keyframe", "maybe");
        assertRejected(record("cam-1", maybe, UNIT, 0), RejectReason.BAD_HEADER);
        RecordHeaders notBase64 = v2("cam-1");
        add(notBase64, "codec-parameters", "SPS and PPS!");
        assertRejected(record("cam-1", notBase64, UNIT, 0), RejectReason.BAD_HEADER);
        RecordHeaders huge = v2Headers("cam-1", 1, nowMicros(), 99_999, 99_999, true, null);
        assertRejected(record("cam-1", huge, UNIT, 0), RejectReason.TOO_LARGE);
    }

    private static RecordHeaders v2(String camera) {
        return v2Headers(camera, 1, nowMicros(), 64, 48, false, null);
    }

    @Test
    void readsSizeFromTheStartOfFrameMarker() {
        assertThat(JpegSize.read(solidJpeg(321, 123, 0, 0, 0))).containsExactly(321, 123);
    }

    private static RecordHeaders headers() {
        return v1Headers("cam-1", 1, nowMicros(), 64, 48);
    }

    private void assertRejected(ConsumerRecord<String, byte[]> record, RejectReason reason) {
        assertThatThrownBy(() -> reader.read(record))
                .isInstanceOfSatisfying(RejectedRecordException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
