package dev.camstream.consumer.detect;

import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * What a family of models wants as input and how its output reads as boxes: a {@link ModelDetector} is a
 * model file plus one of these ({@code camstream.detectors.<name>.decoder}).
 */
public interface OutputDecoder {

    /** The name it is configured by. */
    String name();

    /** What each pixel value is multiplied by, after {@link #mean()} is taken off. */
    double scale();

    /** The value taken off each channel first. */
    Scalar mean();

    /** Whether the model takes RGB (the frame is BGR). */
    boolean rgb();

    /** Checks the model's output names and shapes once, after loading: throws with the reason if they do not fit. */
    void check(List<String> outputNames, MatVector outputs);

    /**
     * The objects in the outputs, boxes in pixels of the picture of {@code width} × {@code height} that was
     * scaled to the model's input, scores at least {@code minScore}; {@code labels} name the model's classes.
     */
    List<Detection> decode(List<String> outputNames, MatVector outputs, double minScore, List<String> labels,
            int width, int height);

    /** Keeps the best of boxes that overlap by more than {@code most} (intersection over union), best first. */
    static List<Detection> suppressOverlaps(List<Detection> found, double most) {
        List<Detection> sorted = new java.util.ArrayList<>(found);
        sorted.sort(java.util.Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new java.util.ArrayList<>();
        for (Detection candidate : sorted) {
            if (kept.stream().noneMatch(k -> k.label().equals(candidate.label())
                    && k.box().overlap(candidate.box()) > most)) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    /** The decoders camstream offers, by name. */
    static OutputDecoder named(String name) {
        if (BlazeFaceDecoder.NAME.equals(name)) {
            return new BlazeFaceDecoder();
        }
        throw new IllegalArgumentException("no output decoder '" + name + "'; there is: " + BlazeFaceDecoder.NAME);
    }
}
