package dev.camstream.consumer.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE240M;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * Decoded pictures become BGR with the matrix their stream signals, by the producer's rules (FCC is left out: it
 * is within a level of BT.601 on any picture).
 */
class BgrPicturesTest {

    // A saturated orange in limited-range YUV: the matrices disagree on it by more than ten levels of red.
    private static final int Y = 100;
    private static final int U = 90;
    private static final int V = 200;

    @Test
    void smpte240mPicturesUseTheSmpte240mMatrix() {
        assertConvertsWith(AVCOL_SPC_SMPTE240M, 0.212, 0.087);
    }

    /** Converts a flat picture signalled as {@code colourspace} and expects the BGR its matrix (Kr, Kb) gives. */
    private static void assertConvertsWith(int colourspace, double kr, double kb) {
        double luma = (Y - 16) / 219.0;
        double pb = (U - 128) / 224.0;
        double pr = (V - 128) / 224.0;
        double r = luma + 2 * (1 - kr) * pr;
        double b = luma + 2 * (1 - kb) * pb;
        double g = (luma - kr * r - kb * b) / (1 - kr - kb);
        double bt601Red = 255 * (luma + 2 * (1 - 0.299) * pr);
        assertThat(Math.abs(255 * r - bt601Red)).as("the picture tells the matrices apart").isGreaterThan(10);

        AVFrame picture = flatPicture(colourspace);
        try (BgrPictures pictures = new BgrPictures(); Mat bgr = new Mat()) {
            pictures.convert(picture, bgr);
            byte[] pixel = new byte[3];
            bgr.ptr(8, 8).get(pixel);
            assertThat(pixel[2] & 0xff).as("red").isCloseTo((int) Math.round(255 * r), within(3));
            assertThat(pixel[1] & 0xff).as("green").isCloseTo((int) Math.round(255 * g), within(3));
            assertThat(pixel[0] & 0xff).as("blue").isCloseTo((int) Math.round(255 * Math.max(0, b)), within(3));
        } finally {
            av_frame_free(picture);
        }
    }

    private static AVFrame flatPicture(int colourspace) {
        AVFrame picture = av_frame_alloc();
        picture.format(AV_PIX_FMT_YUV420P);
        picture.width(16);
        picture.height(16);
        assertThat(av_frame_get_buffer(picture, 0)).isZero();
        int[] values = { Y, U, V };
        for (int plane = 0; plane < 3; plane++) {
            BytePointer data = picture.data(plane);
            int rows = plane == 0 ? 16 : 8;
            for (long i = 0; i < (long) rows * picture.linesize(plane); i++) {
                data.put(i, (byte) values[plane]);
            }
        }
        picture.colorspace(colourspace);
        picture.color_range(AVCOL_RANGE_MPEG);
        return picture;
    }
}
