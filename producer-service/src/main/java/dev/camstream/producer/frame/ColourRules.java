package dev.camstream.producer.frame;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_CL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_NCL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT470BG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_FCC;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE240M;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_BT2020;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_FCC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_SMPTE240M;

/**
 * Which YUV-to-RGB matrix and range to convert a picture with, from what its stream signals (the decoder's
 * {@code colorspace} and {@code color_range}), and, where it signals nothing, what players do: BT.709 from
 * 720 lines up, BT.601 below; limited ("tv") range, except for the JPEG-style {@code yuvj} formats, which are
 * full range by definition. Pure logic on FFmpeg's enum values, so it is tested without pictures. The same in
 * both services (a test keeps the two equal), so that a camera's statistics agree whether the producer or the
 * consumer converts its video.
 */
public final class ColourRules {

    /** Frames this tall and taller are HD: BT.709 when the stream does not say. */
    static final int HD_LINES = 720;

    private ColourRules() {
    }

    /** The choice for a YUV picture: swscale's coefficient table and whether the source is full range. */
    public record Choice(ColourDescription description, int swsColourspace, boolean fullRange) {
    }

    public static Choice forYuv(int avColourspace, int avColourRange, boolean yuvjFormat, int height) {
        int sws = switch (avColourspace) {
            case AVCOL_SPC_BT709 -> SWS_CS_ITU709;
            case AVCOL_SPC_BT470BG, AVCOL_SPC_SMPTE170M -> SWS_CS_ITU601;
            case AVCOL_SPC_BT2020_NCL, AVCOL_SPC_BT2020_CL -> SWS_CS_BT2020;
            case AVCOL_SPC_SMPTE240M -> SWS_CS_SMPTE240M;
            case AVCOL_SPC_FCC -> SWS_CS_FCC;
            default -> -1;
        };
        boolean matrixSignalled = sws >= 0;
        if (!matrixSignalled) {
            sws = height >= HD_LINES ? SWS_CS_ITU709 : SWS_CS_ITU601;
        }
        boolean rangeSignalled = avColourRange == AVCOL_RANGE_JPEG || avColourRange == AVCOL_RANGE_MPEG || yuvjFormat;
        boolean fullRange = avColourRange == AVCOL_RANGE_JPEG || (avColourRange != AVCOL_RANGE_MPEG && yuvjFormat);
        ColourDescription description = new ColourDescription(matrixName(sws), matrixSignalled,
                fullRange ? "pc" : "tv", rangeSignalled);
        return new Choice(description, sws, fullRange);
    }

    private static String matrixName(int sws) {
        return switch (sws) {
            case SWS_CS_ITU709 -> "bt709";
            case SWS_CS_BT2020 -> "bt2020";
            case SWS_CS_SMPTE240M -> "smpte240m";
            case SWS_CS_FCC -> "fcc";
            default -> "bt601";
        };
    }
}
