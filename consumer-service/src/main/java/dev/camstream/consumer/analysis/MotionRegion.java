package dev.camstream.consumer.analysis;

import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.fillPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import java.util.List;
import java.util.Optional;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Where a camera's picture moved: the pixels of the motion meter's grey difference (a thumbnail of the frame
 * and the one before) that changed by more than a threshold, masks left out, bounded by one rectangle. A few
 * changed pixels are noise, not motion. Used by the processing thread only; its images are thumbnails.
 */
final class MotionRegion implements AutoCloseable {

    // At least this share of the thumbnail's pixels must change (and at least a handful) to be motion.
    private static final double LEAST_SHARE = 0.0005;
    private static final int LEAST_PIXELS = 4;

    private final Mat moving = new Mat();
    private final Scalar black = new Scalar(0, 0, 0, 0);

    /** The part that moved, or empty if none did (or {@code difference} is empty: the first frame). */
    Optional<Region> of(Mat difference, int threshold, List<Polygon> masks) {
        if (difference == null || difference.empty()) {
            return Optional.empty();
        }
        threshold(difference, moving, threshold, 255, THRESH_BINARY);
        int width = moving.cols();
        int height = moving.rows();
        for (Polygon mask : masks) {
            try (MatVector outline = mask.outline(width, height)) {
                fillPoly(moving, outline, black);
            }
        }
        int changed = countNonZero(moving);
        if (changed < Math.max(LEAST_PIXELS, LEAST_SHARE * width * height)) {
            return Optional.empty();
        }
        try (Rect box = boundingRect(moving)) {
            return Optional.of(new Region((double) box.x() / width, (double) box.y() / height,
                    (double) (box.x() + box.width()) / width, (double) (box.y() + box.height()) / height));
        }
    }

    @Override
    public void close() {
        moving.close();
        black.close();
    }
}
