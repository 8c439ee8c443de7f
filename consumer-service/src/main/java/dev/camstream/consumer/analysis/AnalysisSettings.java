package dev.camstream.consumer.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.frame.FrameReader;

/**
 * How one camera is analysed: its camera definition's {@code analysis} (docs/camera-registry.md) over the
 * consumer's {@code camstream.analysis.*}. {@code labels} empty: every label.
 */
public record AnalysisSettings(List<String> detectors, double fps, double minScore, Set<String> labels,
        Map<String, Polygon> zones, List<Polygon> masks) {

    /** At most this many detectors, zones and masks are taken from a definition; the producer refuses more. */
    static final int MOST_DETECTORS = 8;
    static final int MOST_POLYGONS = 16;
    static final int MOST_LABELS = 64;

    public AnalysisSettings {
        detectors = List.copyOf(detectors);
        labels = Set.copyOf(labels);
        zones = Collections.unmodifiableMap(new LinkedHashMap<>(zones));
        masks = List.copyOf(masks);
    }

    /** The consumer's defaults, for cameras whose definition says nothing of analysis. */
    static AnalysisSettings defaults(ConsumerSettings.Analysis config) {
        return new AnalysisSettings(config.detectors().orElse(List.of()), config.fps(), config.minScore(),
                Set.copyOf(config.labels().orElse(List.of())), Map.of(), List.of());
    }

    /** These settings with what {@code definition} sets instead; throws {@link IllegalArgumentException} if it is not one. */
    AnalysisSettings with(AnalysisDefinition definition) {
        if (definition == null) {
            return this;
        }
        List<String> names = definition.detectors() == null ? detectors : definition.detectors();
        if (names.size() > MOST_DETECTORS || !names.stream().allMatch(AnalysisSettings::isName)) {
            throw new IllegalArgumentException("at most " + MOST_DETECTORS + " detectors, named in A-Z a-z 0-9 . _ -");
        }
        double rate = definition.fps() == null ? fps : definition.fps();
        double least = definition.minScore() == null ? minScore : definition.minScore();
        if (!(rate > 0) || !(least >= 0 && least <= 1)) {
            throw new IllegalArgumentException("fps must be > 0 and min-score 0 to 1");
        }
        Map<String, Polygon> areas = new LinkedHashMap<>();
        if (definition.zones() != null) {
            if (definition.zones().size() > MOST_POLYGONS) {
                throw new IllegalArgumentException("more than " + MOST_POLYGONS + " zones");
            }
            definition.zones().forEach((name, points) -> {
                if (!isName(name)) {
                    throw new IllegalArgumentException("zone names are 1-64 characters of A-Z a-z 0-9 . _ -");
                }
                areas.put(name, Polygon.of(points));
            });
        }
        List<Polygon> hidden = new ArrayList<>();
        if (definition.masks() != null) {
            if (definition.masks().size() > MOST_POLYGONS) {
                throw new IllegalArgumentException("more than " + MOST_POLYGONS + " masks");
            }
            definition.masks().forEach(points -> hidden.add(Polygon.of(points)));
        }
        Set<String> kept = definition.labels() == null ? labels : Set.copyOf(definition.labels());
        if (kept.size() > MOST_LABELS || !kept.stream().allMatch(AnalysisSettings::isName)) {
            throw new IllegalArgumentException("at most " + MOST_LABELS + " labels, in A-Z a-z 0-9 . _ -");
        }
        return new AnalysisSettings(names, rate, least, kept, areas, hidden);
    }

    /** Names of detectors, zones and labels are of the camera-id alphabet. */
    private static boolean isName(String name) {
        return name != null && FrameReader.CAMERA_ID.matcher(name).matches();
    }

    /** Whether any detector is asked for. */
    public boolean analysed() {
        return !detectors.isEmpty();
    }

    /** The definition's {@code analysis} object as read from the registry, every key optional. */
    record AnalysisDefinition(List<String> detectors, Double fps,
            @JsonProperty("min-score") Double minScore, List<String> labels,
            Map<String, List<List<Double>>> zones, List<List<List<Double>>> masks) {
    }
}
