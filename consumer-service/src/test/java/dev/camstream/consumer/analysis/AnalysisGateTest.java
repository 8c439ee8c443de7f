package dev.camstream.consumer.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.camstream.consumer.detect.Box;
import dev.camstream.consumer.detect.Detection;

/** When a camera is analysed and what of it: rate, motion, masks, the idle interval; and what is kept of what is found. */
class AnalysisGateTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final Polygon RIGHT_HALF = Polygon.of(List.of(List.of(0.5, 0.0), List.of(1.0, 0.0), List.of(1.0, 1.0),
            List.of(0.5, 1.0)));
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final AnalysisGate gate = new AnalysisGate();
    private final Mat still = new Mat(180, 320, CV_8UC1, new Scalar(0));

    @AfterEach
    void close() {
        gate.close();
        still.close();
    }

    @Test
    void theFirstFrameIsAnalysedWholeThenOnlyWhereAndWhenItMoves() {
        AnalysisSettings settings = settings(List.of());
        assertThat(gate.next(T0, INTERVAL, IDLE, null, 25, settings)).contains(Region.WHOLE);
        // Too soon, moving or not.
        try (Mat moved = movedAt(10, 20, 40, 60)) {
            assertThat(gate.next(T0.plusMillis(100), INTERVAL, IDLE, moved, 25, settings)).isEmpty();
            Optional<Region> region = gate.next(T0.plusMillis(300), INTERVAL, IDLE, moved, 25, settings);
            assertThat(region).isPresent();
            // The moving block (x 10-50, y 20-80 of 320x180), grown by a quarter of its size on each side.
            assertThat(region.get().x1()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.01));
            assertThat(region.get().x2()).isCloseTo(60.0 / 320, org.assertj.core.data.Offset.offset(0.01));
            assertThat(region.get().y1()).isCloseTo(5.0 / 180, org.assertj.core.data.Offset.offset(0.01));
        }
        assertThat(gate.next(T0.plusMillis(600), INTERVAL, IDLE, still, 25, settings)).as("a still frame").isEmpty();
    }

    @Test
    void motionInsideAMaskDoesNotCount() {
        AnalysisSettings settings = settings(List.of(RIGHT_HALF));
        gate.next(T0, INTERVAL, IDLE, null, 25, settings);
        try (Mat inMask = movedAt(200, 20, 60, 60); Mat outside = movedAt(20, 20, 60, 60)) {
            assertThat(gate.next(T0.plusSeconds(1), INTERVAL, IDLE, inMask, 25, settings)).isEmpty();
            assertThat(gate.next(T0.plusSeconds(2), INTERVAL, IDLE, outside, 25, settings)).isPresent();
        }
    }

    @Test
    void aStillSceneIsAnalysedWholeAtTheIdleInterval() {
        AnalysisSettings settings = settings(List.of());
        gate.next(T0, INTERVAL, IDLE, null, 25, settings);
        assertThat(gate.next(T0.plusSeconds(29), INTERVAL, IDLE, still, 25, settings)).isEmpty();
        assertThat(gate.next(T0.plusSeconds(30), INTERVAL, IDLE, still, 25, settings)).contains(Region.WHOLE);
        assertThat(gate.next(T0.plusSeconds(31), INTERVAL, IDLE, still, 25, settings)).isEmpty();
    }

    @Test
    void aFewChangedPixelsAreNoiseNotMotion() {
        AnalysisSettings settings = settings(List.of());
        gate.next(T0, INTERVAL, IDLE, null, 25, settings);
        try (Mat speck = movedAt(100, 100, 1, 2)) {
            assertThat(gate.next(T0.plusSeconds(1), INTERVAL, IDLE, speck, 25, settings)).isEmpty();
        }
    }

    @Test
    void objectsAreKeptByScoreAndLabelOutsideMasksAndNamedWithTheZonesTheyStandIn() {
        Polygon left = Polygon.of(List.of(List.of(0.0, 0.0), List.of(0.5, 0.0), List.of(0.5, 1.0), List.of(0.0, 1.0)));
        AnalysisSettings settings = new AnalysisSettings(List.of("people"), 5, 0.5, Set.of("person"),
                Map.of("left", left), List.of(Polygon.of(List.of(List.of(0.8, 0.0), List.of(1.0, 0.0), List.of(1.0, 1.0),
                        List.of(0.8, 1.0)))));
        List<Detection> found = List.of(
                new Detection("person", 0.9, new Box(100, 100, 160, 300)), // stands at x=130: left zone
                new Detection("person", 0.8, new Box(500, 100, 560, 300)), // x=530: no zone
                new Detection("person", 0.9, new Box(700, 100, 760, 300)), // x=730 of 800: in the mask
                new Detection("person", 0.3, new Box(100, 100, 160, 300)), // too unsure
                new Detection("dog", 0.9, new Box(300, 200, 360, 300))); // not a label asked for
        var kept = ObjectFilter.keep(found, settings, 800, 400);
        assertThat(kept).hasSize(2);
        assertThat(kept.get(0).zones()).containsExactly("left");
        assertThat(kept.get(1).zones()).isEmpty();
        assertThat(kept.get(1).box()).isEqualTo(new Box(500, 100, 560, 300));
    }

    private static AnalysisSettings settings(List<Polygon> masks) {
        return new AnalysisSettings(List.of("people"), 5, 0.5, Set.of(), Map.of(), masks);
    }

    /** A motion difference of 320x180 where one block changed by 100. */
    private static Mat movedAt(int x, int y, int width, int height) {
        Mat difference = new Mat(180, 320, CV_8UC1, new Scalar(0));
        try (Rect block = new Rect(x, y, width, height); Mat part = new Mat(difference, block);
                Scalar changed = new Scalar(100)) {
            part.put(changed);
        }
        return difference;
    }
}
