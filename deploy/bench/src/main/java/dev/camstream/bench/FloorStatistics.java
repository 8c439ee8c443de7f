package dev.camstream.bench;

import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * The statistics of the floors' consumer loops, the least the consumer computes per frame: per-channel mean
 * and standard deviation, grey, and the mean absolute grey difference from the previous frame (motion).
 */
final class FloorStatistics implements AutoCloseable {

    private final Mat mean = new Mat();
    private final Mat stddev = new Mat();
    private Mat grey = new Mat();
    private Mat previousGrey = new Mat();
    private final Mat difference = new Mat();

    void compute(Mat image) {
        meanStdDev(image, mean, stddev);
        cvtColor(image, grey, COLOR_BGR2GRAY);
        if (!previousGrey.empty()) {
            absdiff(grey, previousGrey, difference);
            try (Scalar motion = org.bytedeco.opencv.global.opencv_core.mean(difference)) {
                motion.get(0);
            }
        }
        Mat swap = previousGrey;
        previousGrey = grey;
        grey = swap;
    }

    @Override
    public void close() {
        mean.close();
        stddev.close();
        grey.close();
        previousGrey.close();
        difference.close();
    }
}
