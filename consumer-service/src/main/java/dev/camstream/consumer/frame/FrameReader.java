package dev.camstream.consumer.frame;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads wire format v1 (docs/frame-format.md) and checks a record before any work is spent on it: key and
 * {@code camera-id}, format version, headers, JPEG magic, and the JPEG's real size against the stated size
 * and the pixel limit. The producer keeps its own writer of the same spec.
 */
public final class FrameReader {

    public static final Pattern CAMERA_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final String FORMAT_VERSION = "1";
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
        if (!FORMAT_VERSION.equals(version)) {
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
        byte[] jpeg = record.value();
        if (!JpegSize.hasJpegMagic(jpeg)) {
            throw new RejectedRecordException(RejectReason.NOT_JPEG, "value is not a JPEG");
        }
        int[] actual = JpegSize.read(jpeg);
        if (actual == null) {
            throw new RejectedRecordException(RejectReason.UNDECODABLE, "no JPEG frame header");
        }
        if (actual[0] != width || actual[1] != height) {
            throw new RejectedRecordException(RejectReason.SIZE_MISMATCH,
                    "JPEG is " + actual[0] + "x" + actual[1] + ", headers say " + width + "x" + height);
        }
        return new FrameRecord(key, seq, captureMicros, (int) width, (int) height, jpeg);
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
