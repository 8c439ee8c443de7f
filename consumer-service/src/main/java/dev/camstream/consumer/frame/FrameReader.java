package dev.camstream.consumer.frame;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads wire formats v1 and v2 (docs/frame-format.md) and checks a record before any work is spent on it: key
 * and {@code camera-id}, format version, headers, and the pixel limit; for v1 the JPEG magic and the JPEG's
 * real size against the stated size; for v2 the codec, the keyframe flag, the parameter sets and the Annex B
 * form of the value (its size is known only once decoded). The producer keeps its own writer of the same spec.
 */
public final class FrameReader {

    public static final Pattern CAMERA_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final String FORMAT_VERSION = "1";
    static final String CODED_VIDEO_FORMAT_VERSION = "2";
    // Parameter sets are tens to hundreds of bytes; more is not a camera's.
    static final int MAX_PARAMETER_SETS_TEXT = 16 * 1024;
    /**
     * Capture times further ahead of this consumer's clock are not believed: such a frame would never be stale
     * and would stand for the camera's latest until the clock caught up. Clocks of real hosts agree far better.
     */
    static final long MAX_CLOCK_AHEAD_MICROS = 60_000_000;

    private final long maxPixels;

    public FrameReader(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    public FrameRecord read(ConsumerRecord<String, byte[]> record) throws RejectedRecordException {
        String key = record.key();
        if (key == null || !CAMERA_ID.matcher(key).matches()) {
            throw new RejectedRecordException(RejectReason.INVALID_KEY, "key is not a camera id");
        }
        Headers headers = record.headers();
        if (!key.equals(text(headers, "camera-id"))) {
            throw new RejectedRecordException(RejectReason.CAMERA_ID_MISMATCH, "camera-id header differs from the key");
        }
        String version = text(headers, "format-version");
        boolean video = CODED_VIDEO_FORMAT_VERSION.equals(version);
        if (!FORMAT_VERSION.equals(version) && !video) {
            throw new RejectedRecordException(RejectReason.UNKNOWN_FORMAT_VERSION,
                    "format-version " + (version == null ? "missing" : "'" + printable(version) + "'"));
        }
        long seq = number(headers, "frame-seq");
        long captureMicros = number(headers, "capture-time-us");
        if (captureMicros <= 0 || captureMicros - System.currentTimeMillis() * 1_000 > MAX_CLOCK_AHEAD_MICROS) {
            throw new RejectedRecordException(RejectReason.BAD_HEADER,
                    "capture-time-us is not a time up to a minute from now");
        }
        long width = number(headers, "width");
        long height = number(headers, "height");
        if (width <= 0 || height <= 0) {
            throw new RejectedRecordException(RejectReason.BAD_HEADER, "width and height must be positive");
        }
        if (width * height > maxPixels) {
            throw new RejectedRecordException(RejectReason.TOO_LARGE,
                    "stated " + width + "x" + height + " exceeds " + maxPixels + " pixels");
        }
        byte[] value = record.value();
        if (video) {
            return new FrameRecord(key, seq, captureMicros, (int) width, (int) height, accessUnit(value),
                    videoUnit(headers));
        }
        if (!JpegSize.hasJpegMagic(value)) {
            throw new RejectedRecordException(RejectReason.NOT_JPEG, "value is not a JPEG");
        }
        int[] actual = JpegSize.read(value);
        if (actual == null) {
            throw new RejectedRecordException(RejectReason.UNDECODABLE, "no JPEG frame header");
        }
        if (actual[0] != width || actual[1] != height) {
            throw new RejectedRecordException(RejectReason.SIZE_MISMATCH,
                    "JPEG is " + actual[0] + "x" + actual[1] + ", headers say " + width + "x" + height);
        }
        return FrameRecord.jpeg(key, seq, captureMicros, (int) width, (int) height, value);
    }

    private static VideoUnit videoUnit(Headers headers) throws RejectedRecordException {
        String name = text(headers, "codec");
        VideoCodec codec = VideoCodec.ofWireName(name).orElseThrow(() -> new RejectedRecordException(
                RejectReason.NOT_VIDEO, "codec " + (name == null ? "missing" : "'" + printable(name) + "'")
                        + " is not h264 or h265"));
        if (!codec.contentType().equals(text(headers, "content-type"))) {
            throw new RejectedRecordException(RejectReason.BAD_HEADER, "content-type is not " + codec.contentType());
        }
        String keyframe = text(headers, "keyframe");
        if (!"true".equals(keyframe) && !"false".equals(keyframe)) {
            throw new RejectedRecordException(RejectReason.BAD_HEADER, "keyframe is not true or false");
        }
        String parameters = text(headers, "codec-parameters");
        byte[] parameterSets = null;
        if (parameters != null) {
            try {
                if (parameters.length() > MAX_PARAMETER_SETS_TEXT) {
                    throw new IllegalArgumentException("too long");
                }
                parameterSets = Base64.getDecoder().decode(parameters.strip());
            } catch (IllegalArgumentException e) {
                throw new RejectedRecordException(RejectReason.BAD_HEADER, "codec-parameters is not base64 of parameter sets");
            }
        }
        return new VideoUnit(codec, Boolean.parseBoolean(keyframe), parameterSets);
    }

    private static byte[] accessUnit(byte[] value) throws RejectedRecordException {
        // Annex B: the unit starts with a start code, 00 00 01 or 00 00 00 01.
        boolean annexB = value != null && value.length >= 4 && value[0] == 0 && value[1] == 0
                && (value[2] == 1 || (value[2] == 0 && value[3] == 1));
        if (!annexB) {
            throw new RejectedRecordException(RejectReason.NOT_VIDEO, "value is not an Annex B access unit");
        }
        return value;
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long number(Headers headers, String name) throws RejectedRecordException {
        String value = text(headers, name);
        if (value == null) {
            throw new RejectedRecordException(RejectReason.BAD_HEADER, name + " missing");
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new RejectedRecordException(RejectReason.BAD_HEADER, name + " is not a number");
        }
    }

    private static String printable(String value) {
        String cleaned = value.replaceAll("[^\\x20-\\x7E]", "?");
        return cleaned.length() > 16 ? cleaned.substring(0, 16) + "…" : cleaned;
    }
}
