package dev.camstream.consumer.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

import dev.camstream.consumer.TestFrames;

class PixelStatisticsTest {

    private final PixelStatistics statistics = new PixelStatistics();

    @Test
    void solidColourHasExactMeanZeroDeviationAndLuma() {
        try (Mat image = TestFrames.solid(64, 48, 200, 20, 10)) {
            PixelStatistics.Result result = statistics.compute(image);

            assertThat(result.mean()).isEqualTo(new ChannelValues(200, 20, 10));
            assertThat(result.stddev()).isEqualTo(new ChannelValues(0, 0, 0));
            assertThat(result.luma()).isCloseTo(0.299 * 200 + 0.587 * 20 + 0.114 * 10, within(1e-9));
        }
    }

    @Test
    void halfBlackHalfWhiteHasDeviationOfHalfTheRange() {
        try (Mat image = halfBlackHalfWhite(80, 60)) {
            PixelStatistics.Result result = statistics.compute(image);

            assertChannels(result.mean(), 127.5);
            assertChannels(result.stddev(), 127.5);
            assertThat(result.luma()).isCloseTo(127.5, within(1e-9));
        }
    }

    @Test
    void motionIsMeanAbsoluteLumaDifferenceFromThePreviousFrame() {
        try (MotionMeter motion = new MotionMeter(); Mat black = TestFrames.solid(40, 30, 0, 0, 0);
                Mat white = TestFrames.solid(40, 30, 255, 255, 255); Mat half = halfBlackHalfWhite(40, 30);
                Mat small = TestFrames.solid(20, 10, 255, 255, 255)) {
            assertThat(motionOf(motion, black)).as("first frame").isZero();
            assertThat(motionOf(motion, black)).as("same frame").isZero();
            assertThat(motionOf(motion, white)).isCloseTo(255.0, within(1e-9));
            assertThat(motionOf(motion, half)).isCloseTo(127.5, within(1e-9));
            assertThat(motionOf(motion, small)).as("size changed").isZero();
        }
    }

    @Test
    void largeFramesAreComparedAsThumbnailsWithTheSameResult() {
        try (MotionMeter motion = new MotionMeter(); Mat black = TestFrames.solid(1920, 1080, 0, 0, 0);
                Mat half = halfBlackHalfWhite(1920, 1080)) {
            assertThat(motionOf(motion, black)).isZero();
            assertThat(motionOf(motion, half)).isCloseTo(127.5, within(0.5));
            assertThat(motionOf(motion, half)).isZero();
        }
    }

    private static double motionOf(MotionMeter motion, Mat bgr) {
        try (Mat grey = new Mat()) {
            MotionMeter.grey(bgr, grey);
            return motion.next(grey);
        }
    }

    private static void assertChannels(ChannelValues values, double expected) {
        assertThat(values.r()).isCloseTo(expected, within(1e-9));
        assertThat(values.g()).isCloseTo(expected, within(1e-9));
        assertThat(values.b()).isCloseTo(expected, within(1e-9));
    }

    private static Mat halfBlackHalfWhite(int width, int height) {
        Mat image = TestFrames.solid(width, height, 0, 0, 0);
        try (Rect right = new Rect(width / 2, 0, width / 2, height); Mat half = image.apply(right);
                Scalar white = new Scalar(255, 255, 255, 0)) {
            half.put(white);
        }
        return image;
    }
}
