package dev.camstream.consumer.annotate;

import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.getTextSize;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.frame.JpegEncoder;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.stats.PixelStatistics;

/**
 * Draws a frame's camera id, capture time, sequence and statistics on the image (the statistics were
 * computed before, on the untouched pixels) and encodes it as JPEG. Text scales with the image
 * height and sits on a dark panel, so it stays legible from 320x240 to 4K.
 */
public final class FrameAnnotator {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private FrameAnnotator() {
    }

    /** Draws on {@code image} itself and returns it encoded; a stale frame also gets a NO SIGNAL banner. */
    public static byte[] annotate(Mat image, FrameStatistics stats, boolean noSignal) {
        drawPanel(image, lines(stats));
        if (noSignal) {
            drawNoSignal(image);
        }
        return encode(image);
    }

    /**
     * Draws a frame read back from the log: what it shows, when it was captured, and its pixel statistics
     * computed now (motion and latency belong to the live stream, not to one frame), and returns it encoded.
     */
    public static byte[] annotateRecorded(Mat image, FrameRecord frame, PixelStatistics.Result pixels) {
        drawPanel(image, List.of(
                frame.cameraId() + "  #" + frame.seq() + "  " + frame.width() + "x" + frame.height(),
                TIME.format(frame.capturedAt()) + "  recorded",
                "mean R " + format("%.1f", pixels.mean().r()) + " G " + format("%.1f", pixels.mean().g()) + " B "
                        + format("%.1f", pixels.mean().b()),
                "luma " + format("%.1f", pixels.luma())));
        return encode(image);
    }

    /** Marks an already annotated picture as stale, for when its frame cannot be had again. */
    public static byte[] markNoSignal(Mat annotated) {
        drawNoSignal(annotated);
        return encode(annotated);
    }

    /** A red band across the bottom of the picture: this is the last frame seen, not a live one. */
    private static void drawNoSignal(Mat canvas) {
        String text = "NO SIGNAL - last frame";
        double scale = Math.max(0.5, Math.min(4.0, canvas.rows() / 400.0));
        int thickness = Math.max(1, (int) Math.round(scale * 2));
        int bandHeight = Math.min(canvas.rows(), (int) Math.round(40 * scale));
        try (Point topLeft = new Point(0, canvas.rows() - bandHeight); Point bottomRight = new Point(canvas.cols(), canvas.rows());
                Scalar red = new Scalar(0, 0, 200, 0); Scalar white = new Scalar(255, 255, 255, 0);
                Point origin = new Point((int) Math.round(10 * scale), canvas.rows() - (int) Math.round(12 * scale))) {
            rectangle(canvas, topLeft, bottomRight, red, FILLED, LINE_AA, 0);
            putText(canvas, text, origin, FONT_HERSHEY_SIMPLEX, scale, white, thickness, LINE_AA, false);
        }
    }

    static List<String> lines(FrameStatistics s) {
        return List.of(
                s.camera() + "  #" + s.seq() + "  " + s.width() + "x" + s.height(),
                TIME.format(s.capturedAt()) + "  latency " + format("%.0f", s.latencyMs()) + " ms",
                "mean R " + format("%.1f", s.mean().r()) + " G " + format("%.1f", s.mean().g()) + " B "
                        + format("%.1f", s.mean().b()),
                "luma " + format("%.1f", s.luma()) + "  motion " + format("%.2f", s.motion()));
    }

    private static void drawPanel(Mat canvas, List<String> lines) {
        double scale = Math.max(0.35, Math.min(3.0, canvas.rows() / 900.0));
        int thickness = Math.max(1, (int) Math.round(scale * 1.6));
        int padding = Math.max(3, (int) Math.round(8 * scale));
        int lineHeight = 0;
        int width = 0;
        try (IntPointer baseline = new IntPointer(1)) {
            for (String line : lines) {
                try (Size size = getTextSize(line, FONT_HERSHEY_SIMPLEX, scale, thickness, baseline)) {
                    width = Math.max(width, size.width());
                    lineHeight = Math.max(lineHeight, size.height() + baseline.get());
                }
            }
        }
        lineHeight += padding / 2;
        int panelWidth = Math.min(canvas.cols(), width + 2 * padding);
        int panelHeight = Math.min(canvas.rows(), lines.size() * lineHeight + padding);
        try (Point topLeft = new Point(0, 0); Point bottomRight = new Point(panelWidth, panelHeight);
                Scalar panel = new Scalar(24, 24, 24, 0); Scalar text = new Scalar(255, 255, 255, 0)) {
            rectangle(canvas, topLeft, bottomRight, panel, FILLED, LINE_AA, 0);
            for (int i = 0; i < lines.size(); i++) {
                try (Point origin = new Point(padding, (i + 1) * lineHeight)) {
                    putText(canvas, lines.get(i), origin, FONT_HERSHEY_SIMPLEX, scale, text, thickness, LINE_AA, false);
                }
            }
        }
    }

    private static byte[] encode(Mat canvas) {
        return JpegEncoder.encode(canvas);
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
