package dev.camstream.producer.frame;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;

import java.util.Optional;

/**
 * The coded video that wire format v2 carries, with its names on the wire (docs/frame-format.md). The same in
 * both services (a test keeps the two equal): the producer names a stream's codec, the consumer reads it back.
 */
public enum VideoCodec {
    H264("h264", "video/h264", AV_CODEC_ID_H264, "h264_mp4toannexb"),
    H265("h265", "video/h265", AV_CODEC_ID_HEVC, "hevc_mp4toannexb");

    private final String wireName;
    private final String contentType;
    private final int ffmpegId;
    private final String annexBFilter;

    VideoCodec(String wireName, String contentType, int ffmpegId, String annexBFilter) {
        this.wireName = wireName;
        this.contentType = contentType;
        this.ffmpegId = ffmpegId;
        this.annexBFilter = annexBFilter;
    }

    /** The codec of an FFmpeg stream, if it is one that passes through. */
    public static Optional<VideoCodec> ofFfmpeg(int codecId) {
        for (VideoCodec codec : values()) {
            if (codec.ffmpegId == codecId) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** The codec named by a {@code codec} header. */
    public static Optional<VideoCodec> ofWireName(String name) {
        for (VideoCodec codec : values()) {
            if (codec.wireName.equals(name)) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** The {@code codec} header's value. */
    public String wireName() {
        return wireName;
    }

    /** The {@code content-type} header's value. */
    public String contentType() {
        return contentType;
    }

    public int ffmpegId() {
        return ffmpegId;
    }

    /** FFmpeg's bitstream filter from the MP4 form (length-prefixed, as in files) to Annex B, the wire's form. */
    public String annexBFilter() {
        return annexBFilter;
    }

    /** Whether this NAL unit header (its first byte, and for H.265 also the second) starts a parameter set. */
    public boolean isParameterSet(int firstHeaderByte) {
        return switch (this) {
            // H.264: 7 sequence, 8 picture parameter set.
            case H264 -> (firstHeaderByte & 0x1f) == 7 || (firstHeaderByte & 0x1f) == 8;
            // H.265: 32 video, 33 sequence, 34 picture parameter set.
            case H265 -> ((firstHeaderByte >> 1) & 0x3f) >= 32 && ((firstHeaderByte >> 1) & 0x3f) <= 34;
        };
    }
}
