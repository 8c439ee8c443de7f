package dev.camstream.consumer.analysis;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.bus.DetectionFormat;
import dev.camstream.consumer.bus.DetectionsPublisher;
import dev.camstream.consumer.detect.DetectedObject;
import dev.camstream.consumer.detect.Detection;
import dev.camstream.consumer.detect.DetectionRecord;
import dev.camstream.consumer.store.DetectionFeed;
import dev.camstream.consumer.topic.Replica;

/**
 * The threads that run detectors, {@code camstream.analysis.workers} of them for all cameras, apart from
 * the processing thread, so that detection never holds statistics or the live picture up. Latest wins: a
 * camera waits with one frame at most, and a newer frame replaces it (counted as skipped); cameras take turns
 * in the order their frames came. Each analysed frame gives one record per detector, found objects or not.
 */
@ApplicationScoped
public class AnalysisWorkers {

    private static final Logger LOG = Logger.getLogger(AnalysisWorkers.class);

    private final DetectionsPublisher publisher;
    private final DetectionFeed feed;
    private final AnalysisMeters meters;
    private final String replica;
    // Guarded by itself: each camera's waiting frame, and the cameras in turn (each once at most).
    private final Map<String, AnalysisJob> waiting = new HashMap<>();
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public AnalysisWorkers(ConsumerSettings config, DetectionsPublisher publisher, DetectionFeed feed,
            AnalysisMeters meters, Replica replica) {
        this.publisher = publisher;
        this.feed = feed;
        this.meters = meters;
        this.replica = replica.identity().replica();
        for (int i = 0; i < Math.max(1, config.analysis().workers()); i++) {
            Thread worker = new Thread(this::work, "analysis-" + i);
            worker.setDaemon(true);
            threads.add(worker);
            worker.start();
        }
    }

    /** Hands a frame to the detectors, in place of the camera's frame still waiting, if any. */
    void offer(AnalysisJob job) {
        AnalysisJob replaced;
        synchronized (waiting) {
            if (!running) {
                replaced = job;
            } else {
                replaced = waiting.put(job.camera(), job);
                if (replaced == null) {
                    turns.add(job.camera());
                    waiting.notify();
                }
            }
        }
        if (replaced != null) {
            meters.skipped(replaced.camera());
            replaced.close();
        }
    }

    private void work() {
        while (running) {
            AnalysisJob job;
            synchronized (waiting) {
                while (running && turns.isEmpty()) {
                    try {
                        waiting.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!running) {
                    return;
                }
                job = waiting.remove(turns.poll());
            }
            try (job) {
                analyse(job);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Camera %s: analysing frame #%d failed", job.camera(), job.seq());
            }
        }
    }

    private void analyse(AnalysisJob job) {
        for (AnalysisJob.Sample sample : job.samples()) {
            long start = System.nanoTime();
            List<Detection> found = sample.detector().detect(sample.picture().image());
            long nanos = System.nanoTime() - start;
            List<Detection> placed = found.stream()
                    .map(d -> new Detection(d.label(), d.score(),
                            sample.picture().inFrame(d.box(), job.width(), job.height())))
                    .toList();
            // The best MOST_OBJECTS of what the camera's settings keep (detectors give the best first).
            List<DetectedObject> objects = ObjectFilter.keep(placed, job.settings(), job.width(), job.height())
                    .stream().limit(DetectionFormat.MOST_OBJECTS).toList();
            DetectionRecord record = new DetectionRecord(job.camera(), job.seq(), job.capturedAt(), job.width(),
                    job.height(), sample.detector().name(), objects, Instant.now(), Math.round(nanos / 10_000.0) / 100.0,
                    replica);
            meters.analysed(job.camera(), sample.detector().name(), nanos, objects);
            feed.update(record);
            publisher.publish(record);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        synchronized (waiting) {
            running = false;
            waiting.values().forEach(AnalysisJob::close);
            waiting.clear();
            turns.clear();
            waiting.notifyAll();
        }
        for (Thread thread : threads) {
            thread.join(5000);
        }
    }
}
