package dev.camstream.consumer.analysis;

import static org.bytedeco.opencv.global.opencv_core.CV_32SC2;

import java.nio.IntBuffer;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;

/** An area of the picture: its corners as fractions 0..1 of width and height ({@code x}, {@code y} pairs). */
public record Polygon(double[] xs, double[] ys) {

    /** At most this many corners are taken from a definition; the producer refuses more. */
    static final int MOST_POINTS = 64;

    /** The polygon of {@code [[x, y], …]}, or an exception saying why it is not one. */
    static Polygon of(List<List<Double>> points) {
        if (points == null || points.size() < 3 || points.size() > MOST_POINTS) {
            throw new IllegalArgumentException("a polygon has 3 to " + MOST_POINTS + " points");
        }
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < xs.length; i++) {
            List<Double> point = points.get(i);
            if (point == null || point.size() != 2 || !isFraction(point.get(0)) || !isFraction(point.get(1))) {
                throw new IllegalArgumentException("a point is [x, y] with x and y from 0 to 1");
            }
            xs[i] = point.get(0);
            ys[i] = point.get(1);
        }
        return new Polygon(xs, ys);
    }

    /** Whether the point {@code (x, y)}, as fractions of width and height, lies inside (even-odd rule). */
    public boolean contains(double x, double y) {
        boolean inside = false;
        for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            if ((ys[i] > y) != (ys[j] > y) && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                inside = !inside;
            }
        }
        return inside;
    }

    /**
     * Its outline in pixels of a picture of {@code width} × {@code height}, as OpenCV's drawing and filling
     * take it (one polygon of 32-bit points); the caller closes it.
     */
    public MatVector outline(int width, int height) {
        try (Mat corners = new Mat(xs.length, 1, CV_32SC2)) {
            IntBuffer points = corners.createBuffer();
            for (int i = 0; i < xs.length; i++) {
                points.put((int) Math.round(xs[i] * width)).put((int) Math.round(ys[i] * height));
            }
            return new MatVector(corners);
        }
    }

    private static boolean isFraction(Double value) {
        return value != null && value >= 0 && value <= 1;
    }
}
