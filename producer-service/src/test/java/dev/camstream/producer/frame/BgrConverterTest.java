package dev.camstream.producer.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;

import java.util.Arrays;
import java.util.OptionalInt;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * Solid pictures whose YUV values were computed with one matrix and range must come out as the colour they
 * were made from (within 3 levels, the rounding of 8-bit YUV), whatever matrix swscale would assume.
 */
class BgrConverterTest {

    // Pure red (255, 0, 0) as Y, Cb, Cr under each matrix and range.
    private static final int[] RED_709_TV = {63, 102, 240};
    private static final int[] RED_601_TV = {81, 90, 240};
    private static final int[] RED_601_PC = {76, 85, 255};
    // Pure blue (0, 0, 255), where the two matrices differ most in luma.
    private static final int[] BLUE_709_TV = {32, 240, 118};

    @Test
    void hdPictureSignalledAsBt709ComesOutInItsTrueColour() {
        assertConverted(yuv(1280, 720, AV_PIX_FMT_YUV420P, RED_709_TV, AVCOL_SPC_BT709, AVCOL_RANGE_MPEG), 255, 0, 0,
                new ColourDescription("bt709", true, "tv", true));
        assertConverted(yuv(1280, 720, AV_PIX_FMT_YUV420P, BLUE_709_TV, AVCOL_SPC_BT709, AVCOL_RANGE_MPEG), 0, 0, 255,
                new ColourDescription("bt709", true, "tv", true));
    }

    @Test
    void sdPictureSignalledAsBt601ComesOutInItsTrueColour() {
        assertConverted(yuv(640, 480, AV_PIX_FMT_YUV420P, RED_601_TV, AVCOL_SPC_SMPTE170M, AVCOL_RANGE_MPEG), 255, 0, 0,
                new ColourDescription("bt601", true, "tv", true));
    }

    @Test
    void unsignalledPicturesAreReadAsPlayersReadThem() {
        assertConverted(yuv(640, 480, AV_PIX_FMT_YUV420P, RED_601_TV, AVCOL_SPC_UNSPECIFIED, AVCOL_RANGE_UNSPECIFIED),
                255, 0, 0, new ColourDescription("bt601", false, "tv", false));
        assertConverted(yuv(1280, 720, AV_PIX_FMT_YUV420P, RED_709_TV, AVCOL_SPC_UNSPECIFIED, AVCOL_RANGE_UNSPECIFIED),
                255, 0, 0, new ColourDescription("bt709", false, "tv", false));
    }

    @Test
    void fullRangePicturesKeepTheirFullScale() {
        assertConverted(yuv(640, 480, AV_PIX_FMT_YUV420P, RED_601_PC, AVCOL_SPC_SMPTE170M, AVCOL_RANGE_JPEG), 255, 0, 0,
                new ColourDescription("bt601", true, "pc", true));
        assertConverted(yuv(640, 480, AV_PIX_FMT_YUVJ420P, RED_601_PC, AVCOL_SPC_UNSPECIFIED, AVCOL_RANGE_UNSPECIFIED),
                255, 0, 0, new ColourDescription("bt601", false, "pc", true));
    }

    @Test
    void downscalesToTheMaximumWidthKeepingTheAspectRatioAndTheColour() {
        AVFrame picture = yuv(1280, 720, AV_PIX_FMT_YUV420P, RED_709_TV, AVCOL_SPC_BT709, AVCOL_RANGE_MPEG);
        try (BgrConverter converter = new BgrConverter(OptionalInt.of(320))) {
            Mat bgr = converter.convert(picture);

            assertThat(bgr.cols()).isEqualTo(320);
            assertThat(bgr.rows()).isEqualTo(180);
            assertPixel(bgr, 255, 0, 0);
        } finally {
            av_frame_free(picture);
        }
    }

    @Test
    void rgbPicturesPassWithoutAMatrix() {
        AVFrame picture = picture(64, 48, AV_PIX_FMT_BGR24);
        BytePointer data = picture.data(0);
        for (int row = 0; row < 48; row++) {
            for (int x = 0; x < 64; x++) {
                long at = (long) row * picture.linesize(0) + x * 3L;
                data.put(at, (byte) 10).put(at + 1, (byte) 200).put(at + 2, (byte) 30);
            }
        }
        try (BgrConverter converter = new BgrConverter(OptionalInt.empty())) {
            Mat bgr = converter.convert(picture);

            assertPixel(bgr, 30, 200, 10);
            assertThat(converter.colour()).isEqualTo(ColourDescription.RGB);
        } finally {
            av_frame_free(picture);
        }
    }

    private static void assertConverted(AVFrame picture, int r, int g, int b, ColourDescription colour) {
        try (BgrConverter converter = new BgrConverter(OptionalInt.empty())) {
            Mat bgr = converter.convert(picture);

            assertThat(bgr.cols()).isEqualTo(picture.width());
            assertThat(bgr.rows()).isEqualTo(picture.height());
            assertPixel(bgr, r, g, b);
            assertThat(converter.colour()).isEqualTo(colour);
        } finally {
            av_frame_free(picture);
        }
    }

    /** The middle pixel is (r, g, b) within 3 levels. */
    private static void assertPixel(Mat bgr, int r, int g, int b) {
        BytePointer data = bgr.data();
        long at = (long) (bgr.rows() / 2) * bgr.step() + (bgr.cols() / 2) * 3L;
        int[] actual = {data.get(at + 2) & 0xFF, data.get(at + 1) & 0xFF, data.get(at) & 0xFF};
        assertThat(actual[0]).as("red of %s", Arrays.toString(actual)).isCloseTo(r, offset(3));
        assertThat(actual[1]).as("green of %s", Arrays.toString(actual)).isCloseTo(g, offset(3));
        assertThat(actual[2]).as("blue of %s", Arrays.toString(actual)).isCloseTo(b, offset(3));
    }

    /** A solid 4:2:0 picture of these Y, Cb, Cr values, tagged with this matrix and range. */
    private static AVFrame yuv(int width, int height, int format, int[] ycbcr, int colourspace, int range) {
        AVFrame picture = picture(width, height, format);
        for (int plane = 0; plane < 3; plane++) {
            int rows = plane == 0 ? height : height / 2;
            BytePointer data = picture.data(plane);
            for (int row = 0; row < rows; row++) {
                for (int x = 0; x < picture.linesize(plane); x++) {
                    data.put((long) row * picture.linesize(plane) + x, (byte) ycbcr[plane]);
                }
            }
        }
        picture.colorspace(colourspace);
        picture.color_range(range);
        return picture;
    }

    private static AVFrame picture(int width, int height, int format) {
        AVFrame picture = av_frame_alloc();
        picture.width(width);
        picture.height(height);
        picture.format(format);
        assertThat(av_frame_get_buffer(picture, 0)).isZero();
        return picture;
    }
}
