package dev.camstream.consumer.stats;

import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Motion of one camera: the mean absolute difference of luma between this frame and the previous one,
 * 0–255 (0 for the first frame, or after the camera changed size). Frames wider than {@value #MAX_WIDTH}
 * pixels are compared as grey thumbnails of that width (area-averaged), so a camera keeps at most two
 * thumbnails whatever its resolution: an 8K camera costs what a small one does.
 */
public final class MotionMeter implements AutoCloseable {

    static final int MAX_WIDTH = 320;

    private Mat previous = new Mat();
    private Mat current = new Mat();
    private final Mat difference = new Mat();
    private boolean compared;

    /** Grey with the luma weights of BT.601 (0.299, 0.587, 0.114), rounded to 8 bits per pixel. */
    public static void grey(Mat bgr, Mat grey) {
        cvtColor(bgr, grey, COLOR_BGR2GRAY);
    }

    /** Motion since the previous frame, given this frame in grey (see {@link #grey}). */
    public double next(Mat grey) {
        if (grey.cols() <= MAX_WIDTH) {
            grey.copyTo(current);
        } else {
            int height = Math.max(1, (int) Math.round((double) grey.rows() * MAX_WIDTH / grey.cols()));
            try (Size thumbnail = new Size(MAX_WIDTH, height)) {
                resize(grey, current, thumbnail, 0, 0, INTER_AREA);
            }
        }
        double motion = 0;
        compared = !previous.empty() && previous.cols() == current.cols() && previous.rows() == current.rows();
        if (compared) {
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

    /**
     * The grey thumbnail of how much each pixel changed at the last {@link #next}, or null if that frame was
     * not compared (the first, or a new size). Valid until the next call.
     */
    public Mat difference() {
        return compared ? difference : null;
    }

    @Override
    public void close() {
        previous.close();
        current.close();
        difference.close();
    }
}
