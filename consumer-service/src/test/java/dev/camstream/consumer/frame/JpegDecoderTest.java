package dev.camstream.consumer.frame;

import static dev.camstream.consumer.TestFrames.jpeg;
import static dev.camstream.consumer.TestFrames.solidJpeg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.mean;

import java.util.Arrays;
import java.util.Random;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JpegDecoderTest {

    private final JpegDecoder decoder = new JpegDecoder();
    private final Mat target = new Mat();

    @AfterEach
    void close() {
        decoder.close();
        target.close();
    }

    @Test
    void decodesIntoTheSameMemoryWhileTheSizeStaysTheSame() throws Exception {
        decoder.decode(solidJpeg(64, 48, 200, 100, 50), target);
        long pixels = target.data().address();
        decoder.decode(solidJpeg(64, 48, 10, 20, 30), target);

        assertThat(target.data().address()).isEqualTo(pixels);
        try (Scalar bgr = mean(target)) {
            assertThat(bgr.get(0)).isCloseTo(30, offset(2.0));
            assertThat(bgr.get(2)).isCloseTo(10, offset(2.0));
        }
    }

    @Test
    void growsItsBufferForJpegsLargerThanItHoldsAtFirst() throws Exception {
        byte[] small = solidJpeg(32, 32, 0, 0, 0);
        byte[] large;
        try (Mat noise = new Mat(1080, 1920, CV_8UC3)) {
            byte[] pixels = new byte[1920 * 1080 * 3];
            new Random(7).nextBytes(pixels);
            noise.data().put(pixels);
            large = jpeg(noise);
        }
        assertThat(large.length).isGreaterThan(1024 * 1024);

        decoder.decode(small, target);
        decoder.decode(large, target);
        assertThat(target.cols()).isEqualTo(1920);
        assertThat(target.rows()).isEqualTo(1080);
        decoder.decode(small, target);
        assertThat(target.cols()).isEqualTo(32);
    }

    @Test
    void rejectsTruncatedImageData() {
        byte[] jpeg = solidJpeg(64, 48, 1, 2, 3);
        byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 3);

        assertThatThrownBy(() -> decoder.decode(truncated, target))
                .isInstanceOfSatisfying(RejectedRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.UNDECODABLE));
    }

    @Test
    void rejectsTruncatedImageDataIntoATargetThatHeldAFrame() throws Exception {
        byte[] jpeg = solidJpeg(64, 48, 1, 2, 3);
        decoder.decode(jpeg, target);

        assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(jpeg, jpeg.length / 3), target))
                .isInstanceOfSatisfying(RejectedRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.UNDECODABLE));
    }
}
