package dev.camstream.consumer.store;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.camstream.consumer.ConsumerConfig;
import io.micrometer.core.instrument.MeterRegistry;

/** The cameras this consumer has seen, at most {@code camstream.max-cameras} of them. */
@ApplicationScoped
public class CameraFeeds {

    private final ConcurrentMap<String, CameraFeed> feeds = new ConcurrentHashMap<>();
    private final int maxCameras;
    private final MeterRegistry registry;

    public CameraFeeds(ConsumerConfig config, MeterRegistry registry) {
        this.maxCameras = config.maxCameras();
        this.registry = registry;
    }

    /** The camera's feed, created on its first frame; empty if the camera limit is reached. */
    public Optional<CameraFeed> feedFor(String cameraId) {
        CameraFeed existing = feeds.get(cameraId);
        if (existing != null) {
            return Optional.of(existing);
        }
        if (feeds.size() >= maxCameras) {
            return Optional.empty();
        }
        return Optional.of(feeds.computeIfAbsent(cameraId, id -> {
            CameraFeed feed = new CameraFeed(id);
            feed.meters(CameraMeters.register(registry, feed));
            return feed;
        }));
    }

    public Optional<CameraFeed> find(String cameraId) {
        return Optional.ofNullable(feeds.get(cameraId));
    }

    /** The camera with the most recently processed frame, if any. */
    public Optional<CameraFeed> mostRecent() {
        return feeds.values().stream().filter(CameraFeed::hasFrame)
                .max(Comparator.comparingLong(CameraFeed::updatedNanos));
    }

    public List<CameraSummary> summaries() {
        return feeds.values().stream().map(CameraFeed::summary)
                .sorted(Comparator.comparing(CameraSummary::id)).toList();
    }

    public int count() {
        return feeds.size();
    }

    @PreDestroy
    void release() {
        feeds.values().forEach(CameraFeed::release);
    }
}
