package dev.camstream.consumer.detect;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * A detector that runs a model file through OpenCV DNN ({@code .onnx} or {@code .tflite}, by its name), its
 * output read by an {@link OutputDecoder}; configured as {@code camstream.detectors.<name>.*}. Loading checks
 * the model with one inference on a black picture, so a corrupt file or one that does not fit its decoder is
 * refused at start, with the reason, never at the first frame. One net, one inference at a time (the
 * outputs share the net's memory until the next one). It reports objects scoring at least {@value #LEAST_SCORE};
 * each camera's {@code min-score} keeps fewer.
 */
public final class ModelDetector implements Detector, AutoCloseable {

    static final double LEAST_SCORE = 0.1;

    private final String name;
    private final Path model;
    private final OutputDecoder decoder;
    private final InputSize input;
    private final List<String> labels;
    private final Net net;
    private final StringVector outputNames;
    private final List<String> outputs;
    private final Scalar mean;
    private final Size size;

    /** Loads {@code model}; throws {@link IllegalArgumentException} saying why it cannot be used. */
    public ModelDetector(String name, Path model, OutputDecoder decoder, InputSize input, List<String> labels) {
        this.name = name;
        this.model = model;
        this.decoder = decoder;
        this.input = input;
        this.labels = List.copyOf(labels);
        if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
            throw new IllegalArgumentException("model file " + model + " is missing or not readable");
        }
        String file = model.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!file.endsWith(".onnx") && !file.endsWith(".tflite")) {
            throw new IllegalArgumentException("model file " + model + " is neither .onnx nor .tflite");
        }
        this.mean = decoder.mean();
        this.size = new Size(input.width(), input.height());
        Net loaded;
        try {
            loaded = readNet(model.toString());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("model file " + model + " does not load: " + firstLine(e.getMessage()));
        }
        if (loaded == null || loaded.empty()) {
            throw new IllegalArgumentException("model file " + model + " does not load");
        }
        this.net = loaded;
        this.outputNames = net.getUnconnectedOutLayersNames();
        List<String> names = new ArrayList<>();
        for (long i = 0; i < outputNames.size(); i++) {
            names.add(outputNames.get(i).getString());
        }
        this.outputs = List.copyOf(names);
        try (Mat black = new Mat(input.height(), input.width(), org.bytedeco.opencv.global.opencv_core.CV_8UC3,
                new Scalar(0, 0, 0, 0)); MatVector result = forward(black)) {
            decoder.check(outputs, result);
        } catch (RuntimeException e) {
            net.close();
            throw new IllegalArgumentException("model file " + model + " does not run with the " + decoder.name()
                    + " decoder at " + input.width() + "x" + input.height() + ": " + firstLine(e.getMessage()));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<InputSize> inputSize() {
        return Optional.of(input);
    }

    @Override
    public synchronized List<Detection> detect(Mat bgr) {
        try (MatVector result = forward(bgr)) {
            return decoder.decode(outputs, result, LEAST_SCORE, labels, bgr.cols(), bgr.rows());
        }
    }

    private synchronized MatVector forward(Mat bgr) {
        MatVector result = new MatVector();
        try (Mat blob = blobFromImage(bgr, decoder.scale(), size, mean, decoder.rgb(), false, CV_32F)) {
            net.setInput(blob);
            net.forward(result, outputNames);
        }
        return result;
    }

    @Override
    public String toString() {
        return name + " (" + model.getFileName() + ", " + decoder.name() + ")";
    }

    @Override
    public synchronized void close() {
        net.close();
        outputNames.close();
        mean.close();
        size.close();
    }

    private static String firstLine(String message) {
        return message == null ? "no reason given" : message.lines().findFirst().orElse("no reason given");
    }
}
