package dev.camstream.producer.passthrough;

import java.io.ByteArrayOutputStream;

import dev.camstream.producer.frame.VideoCodec;

/**
 * Finds the parameter sets (H.264 SPS and PPS, H.265 VPS, SPS and PPS) among the NAL units of an Annex B
 * access unit, where cameras repeat them before each keyframe. Only start codes and NAL headers are read,
 * never the slices' contents.
 */
final class ParameterSets {

    private ParameterSets() {
    }

    /** The parameter sets in {@code unit}, each after a 4-byte start code; null if it has none. */
    static byte[] in(VideoCodec codec, byte[] unit) {
        ByteArrayOutputStream found = new ByteArrayOutputStream();
        int start = nextNal(unit, 0);
        while (start >= 0 && start < unit.length) {
            int next = nextNal(unit, start);
            if (codec.isParameterSet(unit[start] & 0xff)) {
                int end = next < 0 ? unit.length : startCodeBefore(unit, next);
                found.write(0);
                found.write(0);
                found.write(0);
                found.write(1);
                found.write(unit, start, end - start);
            } else if (!isParameterSetOrPrefix(codec, unit[start] & 0xff)) {
                break; // parameter sets precede the slices: none come after the first slice
            }
            start = next;
        }
        return found.size() == 0 ? null : found.toByteArray();
    }

    /** Whether {@code data} is in Annex B (starts with a start code), not in the MP4 form of extradata. */
    static boolean isAnnexB(byte[] data) {
        return data.length >= 4 && data[0] == 0 && data[1] == 0 && (data[2] == 1 || (data[2] == 0 && data[3] == 1));
    }

    /** NAL units that may come before the slices of an access unit: delimiters, SEI and parameter sets. */
    private static boolean isParameterSetOrPrefix(VideoCodec codec, int header) {
        return switch (codec) {
            // 6 SEI, 9 access unit delimiter.
            case H264 -> (header & 0x1f) == 6 || (header & 0x1f) == 9;
            // 35 access unit delimiter, 39 prefix SEI.
            case H265 -> ((header >> 1) & 0x3f) == 35 || ((header >> 1) & 0x3f) == 39;
        } || codec.isParameterSet(header);
    }

    /** Where the NAL unit after the next start code at or after {@code from} begins; -1 if none. */
    private static int nextNal(byte[] data, int from) {
        for (int i = from; i + 2 < data.length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                return i + 3;
            }
        }
        return -1;
    }

    /** The start of the start code (3 or 4 bytes, and any zero bytes before it) that ends before {@code nal}. */
    private static int startCodeBefore(byte[] data, int nal) {
        int end = nal - 3;
        while (end > 0 && data[end - 1] == 0) {
            end--;
        }
        return end;
    }
}
