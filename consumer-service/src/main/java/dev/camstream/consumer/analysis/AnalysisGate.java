package dev.camstream.consumer.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * When a camera is analysed next, by the capture times of its frames: at most once per {@code interval},
 * where it moved, and on a still scene once per {@code idle-interval} over the whole picture, so that someone
 * standing still is seen again. Kept with the camera's processing state; one thread uses it.
 */
public final class AnalysisGate implements AutoCloseable {

    private final MotionRegion motion = new MotionRegion();
    private Instant last;

    /**
     * The region of this frame to analyse, or empty if not now. {@code difference} is the motion meter's
     * difference of this frame from the one before.
     */
    Optional<Region> next(Instant capturedAt, Duration interval, Duration idleInterval, Mat difference,
            int threshold, AnalysisSettings settings) {
        if (last != null && capturedAt.isBefore(last.plus(interval)) && !capturedAt.isBefore(last)) {
            return Optional.empty(); // too soon (a capture time before the last one: the camera restarted its clock)
        }
        boolean idle = last == null || !capturedAt.isBefore(last.plus(idleInterval)) || capturedAt.isBefore(last);
        Optional<Region> moved = motion.of(difference, threshold, settings.masks());
        Optional<Region> region = idle ? Optional.of(Region.WHOLE) : moved.map(r -> r.grown(0.25));
        region.ifPresent(r -> last = capturedAt);
        return region;
    }

    @Override
    public void close() {
        motion.close();
    }
}
