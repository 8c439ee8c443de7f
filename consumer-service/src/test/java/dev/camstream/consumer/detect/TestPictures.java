package dev.camstream.consumer.detect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Assumptions;

/**
 * Real pictures and models for the detector tests, from Debian's packages and npm (installed by .ci/run,
 * never committed): a missing one skips the test loudly here, and fails it under CI.
 */
public final class TestPictures {

    public static final Path PERSON = Path.of("/usr/share/darknet/data/person.jpg");
    public static final Path DOG = Path.of("/usr/share/darknet/data/dog.jpg");
    public static final Path MESSI = Path.of("/usr/share/doc/opencv-doc/examples/data/messi5.jpg");
    /** A pedestrian video, 768x576 at 10 fps, people walking across a square. */
    public static final Path PEDESTRIANS = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");
    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    private TestPictures() {
    }

    /** {@code path}, or the test skipped (failed under CI) saying which package brings it. */
    public static Path require(Path path, String from) {
        if (Files.isReadable(path)) {
            return path;
        }
        String message = path + " is missing; install " + from + " (see .ci/run) to run this test";
        if (CI) {
            throw new IllegalStateException(message);
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
        return path;
    }

    /** The face model deploy/models/fetch.sh brings. */
    public static Path faceModel(String file) {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("deploy/models"))) {
            root = root.getParent();
        }
        Path model = (root == null ? Path.of("deploy/models") : root.resolve("deploy/models")).resolve("mediapipe").resolve(file);
        return require(model, "the model with deploy/models/fetch.sh (npm)");
    }

    /** Frames {@code first}, {@code first + step}, … of a video, {@code count} of them, as BGR images the caller closes. */
    public static List<Mat> frames(Path video, int first, int step, int count) throws Exception {
        List<Mat> frames = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            for (int i = 0; frames.size() < count; i++) {
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    break;
                }
                if (i >= first && (i - first) % step == 0) {
                    frames.add(converter.convert(frame).clone());
                }
            }
            grabber.stop();
        }
        return frames;
    }
}
