package dev.camstream.consumer.stats;

import static org.bytedeco.opencv.global.opencv_core.meanStdDev;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Per-channel mean and standard deviation of a decoded BGR frame, computed by OpenCV over native memory in
 * one pass (no Java pixel loop, no copy). Luma follows from the means exactly, by linearity:
 * mean(0.299 R + 0.587 G + 0.114 B) = 0.299 mean(R) + 0.587 mean(G) + 0.114 mean(B).
 */
public final class PixelStatistics implements AutoCloseable {

    private final Mat mean = new Mat();
    private final Mat stddev = new Mat();

    public record Result(ChannelValues mean, ChannelValues stddev, double luma) {
    }

    /** Statistics of an 8-bit, 3-channel BGR image, as OpenCV decodes JPEGs. */
    public Result compute(Mat bgr) {
        if (bgr.channels() != 3) {
            throw new IllegalArgumentException("expected 3 channels (BGR), got " + bgr.channels());
        }
        meanStdDev(bgr, mean, stddev);
        ChannelValues means = channels(mean);
        ChannelValues deviations = channels(stddev);
        return new Result(means, deviations, luma(means));
    }

    public static double luma(ChannelValues rgb) {
        return 0.299 * rgb.r() + 0.587 * rgb.g() + 0.114 * rgb.b();
    }

    @Override
    public void close() {
        mean.close();
        stddev.close();
    }

    private static ChannelValues channels(Mat bgrValues) {
        try (DoubleIndexer values = bgrValues.createIndexer()) {
            return new ChannelValues(values.get(2), values.get(1), values.get(0));
        }
    }
}
