package dev.camstream.consumer.frame;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;

import java.util.Optional;

/** The coded video of wire format v2, by its names on the wire (docs/frame-format.md). */
public enum VideoCodec {
    H264("h264", "video/h264", AV_CODEC_ID_H264),
    H265("h265", "video/h265", AV_CODEC_ID_HEVC);

    private final String wireName;
    private final String contentType;
    private final int ffmpegId;

    VideoCodec(String wireName, String contentType, int ffmpegId) {
        this.wireName = wireName;
        this.contentType = contentType;
        this.ffmpegId = ffmpegId;
    }

    /** The codec named by a {@code codec} header. */
    static Optional<VideoCodec> ofWireName(String name) {
        for (VideoCodec codec : values()) {
            if (codec.wireName.equals(name)) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    public String wireName() {
        return wireName;
    }

    public String contentType() {
        return contentType;
    }

    public int ffmpegId() {
        return ffmpegId;
    }

    /** Whether a NAL unit with this first header byte is a parameter set (H.264 SPS, PPS; H.265 VPS, SPS, PPS). */
    public boolean isParameterSet(int firstHeaderByte) {
        return switch (this) {
            case H264 -> (firstHeaderByte & 0x1f) == 7 || (firstHeaderByte & 0x1f) == 8;
            case H265 -> ((firstHeaderByte >> 1) & 0x3f) >= 32 && ((firstHeaderByte >> 1) & 0x3f) <= 34;
        };
    }
}
