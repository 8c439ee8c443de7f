package dev.camstream.consumer.detect;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * {@code blazeface}: MediaPipe's face detectors (BlazeFace, e.g. {@code face_detection_short_range.tflite},
 * 128×128, and {@code face_detection_full_range.tflite}, 192×192). Input RGB scaled to -1..1. One output
 * holds a logit per anchor, the other sixteen numbers per anchor (told apart by size), of which
 * the first four are the box's centre offset and size in input pixels; the anchors are those of MediaPipe's
 * SSD anchor layout for the model (short range: strides 8 then 16 ×3, two anchors per cell and layer; full
 * range: stride 4, one anchor per cell), found by their number.
 */
final class BlazeFaceDecoder implements OutputDecoder {

    static final String NAME = "blazeface";
    private static final int VALUES_PER_ANCHOR = 16;
    private static final double MOST_OVERLAP = 0.3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double scale() {
        return 1 / 127.5;
    }

    @Override
    public Scalar mean() {
        return new Scalar(127.5, 127.5, 127.5, 0);
    }

    @Override
    public boolean rgb() {
        return true;
    }

    @Override
    public void check(List<String> outputNames, MatVector outputs) {
        int[] found = scoresAndBoxes(outputs);
        if (found == null) {
            throw new IllegalArgumentException("the blazeface decoder needs two outputs, one score per anchor and "
                    + VALUES_PER_ANCHOR + " box values per anchor, for 896 or 2304 anchors; this model has "
                    + outputNames);
        }
    }

    /**
     * Which output holds the scores and which the boxes, told apart by their sizes (the names vary by model);
     * null if none fit.
     */
    private static int[] scoresAndBoxes(MatVector outputs) {
        for (int scores = 0; scores < outputs.size(); scores++) {
            for (int boxes = 0; boxes < outputs.size(); boxes++) {
                long anchors = outputs.get(scores).total();
                if (scores != boxes && outputs.get(boxes).total() == anchors * VALUES_PER_ANCHOR
                        && Layout.of((int) anchors) != null) {
                    return new int[] {scores, boxes};
                }
            }
        }
        return null;
    }

    @Override
    public List<Detection> decode(List<String> outputNames, MatVector outputs, double minScore, List<String> labels,
            int width, int height) {
        int[] which = scoresAndBoxes(outputs);
        Mat scoreMat = outputs.get(which[0]);
        Mat boxMat = outputs.get(which[1]);
        int count = (int) scoreMat.total();
        Layout layout = Layout.of(count);
        FloatBuffer scores = scoreMat.createBuffer();
        FloatBuffer boxes = boxMat.createBuffer();
        String label = labels.isEmpty() ? "face" : labels.get(0);
        // A logit at least this high is a score at least minScore: most anchors are rejected without exp().
        double leastLogit = Math.log(minScore / Math.max(1e-9, 1 - minScore));
        List<Detection> found = new ArrayList<>();
        int anchor = 0;
        for (int[] level : layout.levels) {
            int cells = level[0];
            int perCell = level[1];
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (int k = 0; k < perCell; k++, anchor++) {
                        double logit = scores.get(anchor);
                        if (logit < leastLogit) {
                            continue;
                        }
                        double score = 1 / (1 + Math.exp(-Math.max(-100, Math.min(100, logit))));
                        int at = anchor * VALUES_PER_ANCHOR;
                        double cx = (x + 0.5) / cells + boxes.get(at) / layout.input;
                        double cy = (y + 0.5) / cells + boxes.get(at + 1) / layout.input;
                        double w = boxes.get(at + 2) / layout.input;
                        double h = boxes.get(at + 3) / layout.input;
                        Box box = new Box((int) Math.round((cx - w / 2) * width), (int) Math.round((cy - h / 2) * height),
                                (int) Math.round((cx + w / 2) * width), (int) Math.round((cy + h / 2) * height))
                                .within(width, height);
                        if (box.width() > 0 && box.height() > 0) {
                            found.add(new Detection(label, score, box));
                        }
                    }
                }
            }
        }
        return OutputDecoder.suppressOverlaps(found, MOST_OVERLAP);
    }

    /** Anchor grids of a model: for each level its cells per side and anchors per cell, and the input size. */
    private record Layout(int input, int[][] levels) {

        static final Layout SHORT_RANGE = new Layout(128, new int[][] {{16, 2}, {8, 6}});
        static final Layout FULL_RANGE = new Layout(192, new int[][] {{48, 1}});

        static Layout of(int anchors) {
            for (Layout layout : List.of(SHORT_RANGE, FULL_RANGE)) {
                int total = 0;
                for (int[] level : layout.levels) {
                    total += level[0] * level[0] * level[1];
                }
                if (total == anchors) {
                    return layout;
                }
            }
            return null;
        }
    }
}
