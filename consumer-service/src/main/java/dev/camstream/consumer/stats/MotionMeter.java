package dev.camstream.consumer.stats;

import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Motion of one camera: the mean absolute difference of luma between this frame and the previous one,
 * 0–255 (0 for the first frame, or after the camera changed size). Keeps one grey frame per camera.
 */
public final class MotionMeter implements AutoCloseable {

    private Mat previous = new Mat();
    private Mat current = new Mat();
    private final Mat difference = new Mat();

    public double next(Mat bgr) {
        // Grey with the luma weights of BT.601 (0.299, 0.587, 0.114), rounded to 8 bits per pixel.
        cvtColor(bgr, current, COLOR_BGR2GRAY);
        double motion = 0;
        if (!previous.empty() && previous.cols() == current.cols() && previous.rows() == current.rows()) {
            absdiff(current, previous, difference);
            try (Scalar average = mean(difference)) {
                motion = average.get(0);
            }
        }
        Mat swap = previous;
        previous = current;
        current = swap;
        return motion;
    }

    @Override
    public void close() {
        previous.close();
        current.close();
        difference.close();
    }
}
