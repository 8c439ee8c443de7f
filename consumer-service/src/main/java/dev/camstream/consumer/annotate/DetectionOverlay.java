package dev.camstream.consumer.annotate;

import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.polylines;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.util.Locale;
import java.util.Map;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

import dev.camstream.consumer.analysis.Polygon;
import dev.camstream.consumer.detect.Box;
import dev.camstream.consumer.detect.DetectedObject;
import dev.camstream.consumer.detect.DetectionRecord;

/**
 * Draws what analysis knows of a frame: the camera's zones as yellow outlines with their names, and each
 * object of its latest detection record as a green box with its label and score (boxes are in the frame's
 * pixels; a record of a frame of another size is not drawn). Line widths scale with the picture.
 */
public final class DetectionOverlay {

    private DetectionOverlay() {
    }

    public static void draw(Mat canvas, Map<String, Polygon> zones, DetectionRecord record) {
        double scale = Math.max(0.4, Math.min(3.0, canvas.rows() / 720.0));
        int thickness = Math.max(1, (int) Math.round(2 * scale));
        try (Scalar yellow = new Scalar(0, 220, 255, 0); Scalar green = new Scalar(60, 220, 60, 0)) {
            for (Map.Entry<String, Polygon> zone : zones.entrySet()) {
                Polygon area = zone.getValue();
                try (MatVector outline = area.outline(canvas.cols(), canvas.rows());
                        Point label = new Point((int) Math.round(area.xs()[0] * canvas.cols()) + 4,
                                (int) Math.round(area.ys()[0] * canvas.rows()) + (int) Math.round(18 * scale))) {
                    polylines(canvas, outline, true, yellow, thickness, LINE_AA, 0);
                    putText(canvas, zone.getKey(), label, FONT_HERSHEY_SIMPLEX, 0.6 * scale, yellow, thickness, LINE_AA,
                            false);
                }
            }
            if (record == null || record.width() != canvas.cols() || record.height() != canvas.rows()) {
                return;
            }
            for (DetectedObject object : record.objects()) {
                Box box = object.box();
                try (Point topLeft = new Point(box.x1(), box.y1()); Point bottomRight = new Point(box.x2(), box.y2());
                        Point text = new Point(box.x1(), Math.max((int) Math.round(14 * scale), box.y1() - 4))) {
                    rectangle(canvas, topLeft, bottomRight, green, thickness, LINE_AA, 0);
                    putText(canvas, object.label() + " " + String.format(Locale.ROOT, "%.2f", object.score()), text,
                            FONT_HERSHEY_SIMPLEX, 0.55 * scale, green, thickness, LINE_AA, false);
                }
            }
        }
    }
}
