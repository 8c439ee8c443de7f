package dev.camstream.producer.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.camstream.producer.camera.CameraCatalog;

/**
 * What the consumers analyse of a camera (registry format v1, docs/camera-registry.md): its detectors, how
 * often, what counts, its named zones and its masks. The producer only checks it; the consumers follow the
 * registry and apply it. A key left out takes the consumer's default ({@code camstream.analysis.*}).
 * Polygons are lists of {@code [x, y]} points, fractions 0..1 of the picture's width and height.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalysisDefinition(List<String> detectors, Double fps, @JsonProperty("min-score") Double minScore,
        List<String> labels, Map<String, List<List<Double>>> zones, List<List<List<Double>>> masks) {

    /** Most detections a second anyone may ask of a camera that states no max-fps. */
    static final double MOST_FPS = 60;
    static final int MOST_DETECTORS = 8;
    static final int MOST_LABELS = 64;
    static final int MOST_POLYGONS = 16;
    static final int MOST_POINTS = 64;

    /** What is wrong with it for camera {@code id}, which sends at most {@code maxFps}; empty if nothing. */
    List<String> problems(String id, OptionalDouble maxFps) {
        String name = "camera '" + id + "': analysis";
        List<String> problems = new ArrayList<>();
        if (detectors != null) {
            names(detectors, name + " detectors", MOST_DETECTORS, problems);
        }
        if (labels != null) {
            names(labels, name + " labels", MOST_LABELS, problems);
        }
        if (fps != null) {
            double most = maxFps.orElse(MOST_FPS);
            if (!(fps > 0) || fps > most) {
                problems.add(name + " fps must be > 0 and at most " + format(most)
                        + (maxFps.isPresent() ? " (the camera's max-fps)" : ""));
            }
        }
        if (minScore != null && !(minScore >= 0 && minScore <= 1)) {
            problems.add(name + " min-score must be between 0 and 1");
        }
        if (zones != null) {
            if (zones.size() > MOST_POLYGONS) {
                problems.add(name + " has " + zones.size() + " zones, at most " + MOST_POLYGONS);
            }
            zones.forEach((zone, polygon) -> {
                if (zone == null || !CameraCatalog.CAMERA_ID.matcher(zone).matches()) {
                    problems.add(name + " zone names must be 1-64 characters of A-Z a-z 0-9 . _ -");
                } else {
                    polygon(polygon, name + " zone '" + zone + "'", problems);
                }
            });
        }
        if (masks != null) {
            if (masks.size() > MOST_POLYGONS) {
                problems.add(name + " has " + masks.size() + " masks, at most " + MOST_POLYGONS);
            }
            for (int i = 0; i < masks.size(); i++) {
                polygon(masks.get(i), name + " mask " + (i + 1), problems);
            }
        }
        return problems;
    }

    private static void names(List<String> names, String what, int most, List<String> problems) {
        if (names.size() > most) {
            problems.add(what + ": " + names.size() + " given, at most " + most);
        }
        if (names.stream().anyMatch(n -> n == null || !CameraCatalog.CAMERA_ID.matcher(n).matches())) {
            problems.add(what + " must be 1-64 characters of A-Z a-z 0-9 . _ -");
        }
    }

    private static void polygon(List<List<Double>> points, String what, List<String> problems) {
        if (points == null || points.size() < 3) {
            problems.add(what + " needs at least 3 points");
        } else if (points.size() > MOST_POINTS) {
            problems.add(what + " has " + points.size() + " points, at most " + MOST_POINTS);
        } else if (!points.stream().allMatch(AnalysisDefinition::isPoint)) {
            problems.add(what + ": every point must be [x, y] with x and y from 0 to 1");
        }
    }

    private static boolean isPoint(List<Double> point) {
        return point != null && point.size() == 2 && point.stream().allMatch(c -> c != null && c >= 0 && c <= 1);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
