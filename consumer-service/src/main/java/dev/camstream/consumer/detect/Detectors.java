package dev.camstream.consumer.detect;

import static org.bytedeco.opencv.global.opencv_core.setNumThreads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.ConsumerSettings.ModelSettings;

/**
 * The detectors this replica has, by name: every {@link Detector} bean (the built-in {@code people}) and each
 * model of {@code camstream.detectors.*}, loaded at start. A model that does not load is logged with the
 * reason and kept as unavailable: the service starts, its cameras stream with statistics, and
 * {@code GET /cameras} says why a camera naming it is not analysed.
 */
@Startup // models load, or say why not, when the service starts, not at a camera's first frame
@ApplicationScoped
public class Detectors {

    private static final Logger LOG = Logger.getLogger(Detectors.class);

    private final Map<String, Detector> available = new TreeMap<>();
    private final Map<String, String> unavailable = new TreeMap<>();

    @Inject
    public Detectors(Instance<Detector> beans, ConsumerSettings config) {
        this((Iterable<Detector>) beans, config);
    }

    /** The given detectors and the configured models. */
    public Detectors(Iterable<Detector> beans, ConsumerSettings config) {
        // OpenCV runs each call on its caller's thread: its own pool would spread one HOG pass over every core
        // and starve the processing thread, so statistics would wait for detection. A detection takes one
        // worker's core; camstream.analysis.workers says how many.
        setNumThreads(0);
        for (Detector detector : beans) {
            available.put(detector.name(), detector);
        }
        Map<String, ModelSettings> models = new LinkedHashMap<>(config.detectors());
        models.forEach((name, model) -> {
            if (available.containsKey(name)) {
                unavailable.put(name, "detector '" + name + "' is built in; the configured model of that name is not used");
                LOG.errorf("Detector %s: %s", name, unavailable.get(name));
                return;
            }
            try {
                ModelDetector loaded = new ModelDetector(name, model.model(), OutputDecoder.named(model.decoder()),
                        Detector.InputSize.parse(model.inputSize()), model.labels().orElse(List.of()));
                available.put(name, loaded);
                LOG.infof("Detector %s loaded: %s", name, loaded);
            } catch (IllegalArgumentException e) {
                unavailable.put(name, "detector '" + name + "' did not load: " + e.getMessage());
                LOG.errorf("Detector %s did not load, cameras that name it are not analysed: %s", name, e.getMessage());
            }
        });
    }

    public Optional<Detector> named(String name) {
        return Optional.ofNullable(available.get(name));
    }

    /** Why a camera naming {@code name} cannot be analysed with it. */
    public String whyNot(String name) {
        String reason = unavailable.get(name);
        return reason != null ? reason
                : "no detector '" + name + "' on this consumer; it has " + String.join(", ", available.keySet());
    }

    @PreDestroy
    void close() {
        available.values().stream().filter(ModelDetector.class::isInstance).map(ModelDetector.class::cast)
                .forEach(ModelDetector::close);
    }
}
