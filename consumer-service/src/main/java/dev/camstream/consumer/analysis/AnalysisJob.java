package dev.camstream.consumer.analysis;

import java.time.Instant;
import java.util.List;

import dev.camstream.consumer.detect.Detector;
import dev.camstream.consumer.memory.ImageBudget;

/**
 * One frame of a camera waiting for the detectors: the pictures cut out of it for each, the frame's
 * identity, and the image memory its pictures hold until closed.
 */
record AnalysisJob(String camera, long seq, Instant capturedAt, int width, int height, AnalysisSettings settings,
        List<Sample> samples, ImageBudget.Reservation memory) implements AutoCloseable {

    /** A detector and its picture. */
    record Sample(Detector detector, DetectorPicture picture) {
    }

    @Override
    public void close() {
        samples.forEach(sample -> sample.picture().close());
        memory.close();
    }
}
