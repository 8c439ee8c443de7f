package dev.camstream.consumer.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.HOGDescriptor;

/**
 * {@code people}: OpenCV's HOG pedestrian detector with the linear SVM it ships (Dalal and Triggs), so a
 * machine with only the JDK detects upright people, no model file needed. It finds people at least 64×128
 * pixels in the picture it is given (analysis scales motion regions up to fit {@value #WIDTH}×{@value #HEIGHT}).
 * Its SVM margin {@code m} becomes the score {@code m / (m + 1)}: 0.5 at a margin of 1, 0.75 at 3.
 */
@ApplicationScoped
public class PeopleDetector implements Detector {

    public static final String NAME = "people";
    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    private static final double SCALE_STEP = 1.05;
    private static final double GROUPING = 2;

    private final HOGDescriptor hog = new HOGDescriptor();
    private final Size stride = new Size(8, 8);
    private final Size padding = new Size(0, 0);

    public PeopleDetector() {
        try (Mat svm = new Mat(HOGDescriptor.getDefaultPeopleDetector())) {
            hog.setSVMDetector(svm);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<InputSize> inputSize() {
        return Optional.of(new InputSize(WIDTH, HEIGHT));
    }

    @Override
    public List<Detection> detect(Mat bgr) {
        if (bgr.cols() < 64 || bgr.rows() < 128) {
            return List.of(); // smaller than the detection window
        }
        List<Detection> people = new ArrayList<>();
        // detectMultiScale is const in OpenCV: workers may call it at once.
        try (RectVector found = new RectVector(); DoublePointer margins = new DoublePointer()) {
            hog.detectMultiScale(bgr, found, margins, 0, stride, padding, SCALE_STEP, GROUPING, false);
            for (int i = 0; i < found.size(); i++) {
                Rect r = found.get(i);
                double margin = Math.max(0, margins.get(i));
                people.add(new Detection("person", margin / (margin + 1),
                        new Box(r.x(), r.y(), r.x() + r.width(), r.y() + r.height()).within(bgr.cols(), bgr.rows())));
            }
        }
        people.sort(Comparator.comparingDouble(Detection::score).reversed());
        return people;
    }

    @PreDestroy
    void close() {
        hog.close();
        stride.close();
        padding.close();
    }
}
