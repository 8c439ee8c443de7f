package dev.camstream.consumer.analysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bytedeco.opencv.opencv_core.Mat;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.detect.Detector;
import dev.camstream.consumer.detect.Detectors;
import dev.camstream.consumer.memory.ImageBudget;
import dev.camstream.consumer.stats.FrameStatistics;

/**
 * Decides, on the processing thread, whether a processed frame goes to the detectors, and what of it: by the
 * camera's settings (the registry's, or the defaults), its gate (rate, motion, idle interval) and the image
 * budget, which the pictures cut out for the detectors are held from until analysed. Costs nothing for a
 * camera without detectors, and a thumbnail comparison for one whose next detection is not due.
 */
@ApplicationScoped
public class FrameAnalysis {

    private final RegistryFollower registry;
    private final Detectors detectors;
    private final AnalysisWorkers workers;
    private final AnalysisMeters meters;
    private final ImageBudget budget;
    private final Duration idleInterval;
    private final int motionThreshold;
    private final boolean enabled;

    public FrameAnalysis(RegistryFollower registry, Detectors detectors, AnalysisWorkers workers, AnalysisMeters meters,
            ImageBudget budget, ConsumerSettings config) {
        this.registry = registry;
        this.detectors = detectors;
        this.workers = workers;
        this.meters = meters;
        this.budget = budget;
        this.idleInterval = config.analysis().idleInterval();
        this.motionThreshold = config.analysis().motionThreshold();
        this.enabled = config.analysis().enabled();
    }

    /** How a camera is analysed on this replica, and why not, or not all of it, if so: what {@code GET /cameras} says. */
    public record Status(List<String> detectors, double fps, List<String> problems) {
    }

    public Status status(String camera) {
        RegistryFollower.CameraSettings settings = registry.of(camera);
        List<String> problems = new ArrayList<>();
        if (!enabled && settings.settings().analysed()) {
            problems.add("analysis is off on this replica (camstream.analysis.enabled=false); another group may detect");
        }
        settings.problem().ifPresent(problems::add);
        for (String name : settings.settings().detectors()) {
            if (detectors.named(name).isEmpty()) {
                problems.add(detectors.whyNot(name));
            }
        }
        return new Status(settings.settings().detectors(), settings.settings().fps(), problems);
    }

    /**
     * Offers a processed frame ({@code image}, BGR) to its camera's detectors if it is due; {@code difference}
     * is the motion meter's of this frame.
     */
    public void offer(FrameStatistics frame, Mat image, Mat difference, AnalysisGate gate) {
        AnalysisSettings settings = registry.of(frame.camera()).settings();
        if (!enabled || !settings.analysed()) {
            return;
        }
        List<Detector> chosen = new ArrayList<>();
        Duration interval = Duration.ofNanos((long) (1e9 / settings.fps()));
        for (String name : settings.detectors()) {
            detectors.named(name).ifPresent(detector -> chosen.add(detector));
        }
        if (chosen.isEmpty()) {
            return; // said by status()
        }
        for (Detector detector : chosen) {
            if (detector.leastInterval().compareTo(interval) > 0) {
                interval = detector.leastInterval();
            }
        }
        Optional<Region> region = gate.next(frame.capturedAt(), interval, idleInterval, difference, motionThreshold,
                settings);
        if (region.isEmpty()) {
            return;
        }
        long bytes = chosen.stream().mapToLong(detector -> DetectorPicture.mostBytes(detector, image)).sum();
        Optional<ImageBudget.Reservation> memory;
        try {
            memory = budget.tryReserve(bytes, Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (memory.isEmpty()) {
            meters.skipped(frame.camera());
            return;
        }
        List<AnalysisJob.Sample> samples = new ArrayList<>();
        for (Detector detector : chosen) {
            samples.add(new AnalysisJob.Sample(detector, DetectorPicture.of(image, region.get(), detector)));
        }
        workers.offer(new AnalysisJob(frame.camera(), frame.seq(), frame.capturedAt(), image.cols(), image.rows(),
                settings, samples, memory.get()));
    }
}
