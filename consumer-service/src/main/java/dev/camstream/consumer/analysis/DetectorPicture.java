package dev.camstream.consumer.analysis;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

import dev.camstream.consumer.detect.Box;
import dev.camstream.consumer.detect.Detector;

/**
 * The picture a detector is given: a region of the frame, grown to the detector's aspect and scaled to fit
 * its input (up to twice, so that a small moving person is seen larger), copied out of the frame so the
 * frame can go on to the next. Knows how to put boxes found in it back into the frame's pixels.
 */
final class DetectorPicture implements AutoCloseable {

    private static final double MOST_ENLARGEMENT = 2;

    private final Mat image = new Mat();
    private final int left;
    private final int top;
    private final double scale;

    private DetectorPicture(int left, int top, double scale) {
        this.left = left;
        this.top = top;
        this.scale = scale;
    }

    /** The picture of {@code region} of {@code frame} for {@code detector}. */
    static DetectorPicture of(Mat frame, Region region, Detector detector) {
        int width = frame.cols();
        int height = frame.rows();
        int x1 = (int) Math.floor(region.x1() * width);
        int y1 = (int) Math.floor(region.y1() * height);
        int x2 = (int) Math.ceil(region.x2() * width);
        int y2 = (int) Math.ceil(region.y2() * height);
        Detector.InputSize input = detector.inputSize().orElse(null);
        if (input != null) {
            // Grow the shorter side to the input's aspect, around the region's centre, within the frame.
            double aspect = (double) input.width() / input.height();
            int w = x2 - x1;
            int h = y2 - y1;
            if (w < h * aspect) {
                int grown = (int) Math.min(width, Math.round(h * aspect));
                x1 = Math.max(0, Math.min(width - grown, x1 - (grown - w) / 2));
                x2 = x1 + grown;
            } else {
                int grown = (int) Math.min(height, Math.round(w / aspect));
                y1 = Math.max(0, Math.min(height - grown, y1 - (grown - h) / 2));
                y2 = y1 + grown;
            }
        }
        int w = Math.max(1, x2 - x1);
        int h = Math.max(1, y2 - y1);
        double scale = input == null ? 1
                : Math.min(MOST_ENLARGEMENT, Math.min((double) input.width() / w, (double) input.height() / h));
        DetectorPicture picture = new DetectorPicture(x1, y1, scale);
        try (Rect part = new Rect(x1, y1, w, h); Mat crop = new Mat(frame, part)) {
            if (scale == 1) {
                crop.copyTo(picture.image);
            } else {
                try (Size size = new Size(Math.max(1, (int) Math.round(w * scale)),
                        Math.max(1, (int) Math.round(h * scale)))) {
                    resize(crop, picture.image, size, 0, 0, scale < 1 ? INTER_AREA : INTER_LINEAR);
                }
            }
        }
        return picture;
    }

    /** Bytes of pixels a picture for {@code detector} may take: what to hold from the image budget. */
    static long mostBytes(Detector detector, Mat frame) {
        return detector.inputSize().map(s -> (long) s.width() * s.height() * 3)
                .orElse((long) frame.cols() * frame.rows() * 3);
    }

    Mat image() {
        return image;
    }

    /** A box found in this picture, in the frame's pixels. */
    Box inFrame(Box box, int frameWidth, int frameHeight) {
        return box.placed(1 / scale, left, top).within(frameWidth, frameHeight);
    }

    @Override
    public void close() {
        image.close();
    }
}
