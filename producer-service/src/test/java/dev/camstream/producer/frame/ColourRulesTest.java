package dev.camstream.producer.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_NCL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_BT2020;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;

import org.junit.jupiter.api.Test;

class ColourRulesTest {

    @Test
    void signalledMatrixAndRangeWinWhateverTheSize() {
        ColourRules.Choice sd709 = ColourRules.forYuv(AVCOL_SPC_BT709, AVCOL_RANGE_MPEG, false, 480);
        assertThat(sd709.swsColourspace()).isEqualTo(SWS_CS_ITU709);
        assertThat(sd709.fullRange()).isFalse();
        assertThat(sd709.description()).isEqualTo(new ColourDescription("bt709", true, "tv", true));

        ColourRules.Choice hd601 = ColourRules.forYuv(AVCOL_SPC_SMPTE170M, AVCOL_RANGE_MPEG, false, 1080);
        assertThat(hd601.swsColourspace()).isEqualTo(SWS_CS_ITU601);
        assertThat(hd601.description().matrix()).isEqualTo("bt601");

        ColourRules.Choice uhd = ColourRules.forYuv(AVCOL_SPC_BT2020_NCL, AVCOL_RANGE_MPEG, false, 2160);
        assertThat(uhd.swsColourspace()).isEqualTo(SWS_CS_BT2020);
        assertThat(uhd.description().matrix()).isEqualTo("bt2020");
    }

    @Test
    void unspecifiedMatrixIsBt601BelowSevenHundredTwentyLines() {
        ColourRules.Choice choice = ColourRules.forYuv(AVCOL_SPC_UNSPECIFIED, AVCOL_RANGE_UNSPECIFIED, false, 719);

        assertThat(choice.swsColourspace()).isEqualTo(SWS_CS_ITU601);
        assertThat(choice.fullRange()).isFalse();
        assertThat(choice.description()).isEqualTo(new ColourDescription("bt601", false, "tv", false));
    }

    @Test
    void unspecifiedMatrixIsBt709FromSevenHundredTwentyLines() {
        ColourRules.Choice choice = ColourRules.forYuv(AVCOL_SPC_UNSPECIFIED, AVCOL_RANGE_UNSPECIFIED, false, 720);

        assertThat(choice.swsColourspace()).isEqualTo(SWS_CS_ITU709);
        assertThat(choice.description()).isEqualTo(new ColourDescription("bt709", false, "tv", false));
    }

    @Test
    void fullRangeIsTakenFromTheStreamOrFromTheJpegStyleFormats() {
        assertThat(ColourRules.forYuv(AVCOL_SPC_BT709, AVCOL_RANGE_JPEG, false, 720).fullRange()).isTrue();

        ColourRules.Choice yuvj = ColourRules.forYuv(AVCOL_SPC_UNSPECIFIED, AVCOL_RANGE_UNSPECIFIED, true, 480);
        assertThat(yuvj.fullRange()).isTrue();
        assertThat(yuvj.description()).isEqualTo(new ColourDescription("bt601", false, "pc", true));

        // A stream that says limited range is believed even in a yuvj format.
        assertThat(ColourRules.forYuv(AVCOL_SPC_UNSPECIFIED, AVCOL_RANGE_MPEG, true, 480).fullRange()).isFalse();
    }
}
