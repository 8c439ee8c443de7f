package dev.camstream.consumer.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.camstream.consumer.ConsumerConfig;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.store.CameraFeed.AnnotatedFrame;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The cameras of this replica's group, processed here or by another replica, at most {@code camstream.max-cameras} of them. A camera takes a slot
 * only with a frame that passed every check and decoded, so junk records take none; a camera idle for
 * {@code camstream.camera-expiry} gives its slot up when a new camera needs one, so a flood of ids that once
 * looked valid leaves no lasting damage. Slots are taken (by the processing thread and the statistics
 * follower) and given up under this object's lock.
 * The JPEGs kept for the frame endpoints stay within {@code camstream.frame-memory} over all cameras: the
 * cameras updated longest ago give theirs up first, and get them back with their next frame.
 */
@ApplicationScoped
public class CameraFeeds {

    private static final Logger LOG = Logger.getLogger(CameraFeeds.class);

    private final ConcurrentMap<String, CameraFeed> feeds = new ConcurrentHashMap<>();
    private final int maxCameras;
    private final long expiryNanos;
    private final long frameMemory;
    private final long noSignalAfterMillis;
    private final AtomicLong keptBytes = new AtomicLong();
    private final MeterRegistry registry;

    public CameraFeeds(ConsumerConfig config, MeterRegistry registry) {
        this.maxCameras = config.maxCameras();
        this.expiryNanos = config.cameraExpiry().toNanos();
        this.frameMemory = config.frameMemoryBytes();
        this.noSignalAfterMillis = config.noSignalAfter().toMillis();
        this.registry = registry;
        Gauge.builder("camstream.consumer.frame.memory", keptBytes, AtomicLong::get)
                .description("JPEGs kept for the frame endpoints, over all cameras").baseUnit("bytes")
                .register(registry);
    }

    public Optional<CameraFeed> find(String cameraId) {
        return Optional.ofNullable(feeds.get(cameraId));
    }

    /** Whether a new camera can take a slot, giving up the longest-idle expired one if all are taken. */
    public synchronized boolean makeRoom() {
        if (feeds.size() < maxCameras) {
            return true;
        }
        long now = System.nanoTime();
        feeds.values().stream().filter(feed -> now - feed.updatedNanos() > expiryNanos)
                .min(Comparator.comparingLong(CameraFeed::updatedNanos)).ifPresent(this::expire);
        return feeds.size() < maxCameras;
    }

    /**
     * The camera's slot, taken now if it had none and there is room: for a camera whose first frame passed
     * every check and decoded, or whose statistics came from another replica of the group.
     */
    public synchronized Optional<CameraFeed> admit(String cameraId) {
        CameraFeed known = feeds.get(cameraId);
        if (known != null) {
            return Optional.of(known);
        }
        if (!makeRoom()) {
            return Optional.empty();
        }
        CameraFeed feed = new CameraFeed(cameraId);
        feed.meters(CameraMeters.register(registry, feed));
        feeds.put(cameraId, feed);
        return Optional.of(feed);
    }

    /** Makes a frame processed here its camera's latest, keeping its JPEG (if any) within the frame memory. */
    public void update(CameraFeed feed, FrameStatistics statistics, byte[] jpeg) {
        long before = feed.update(statistics, jpeg);
        keptBytes.addAndGet((jpeg == null ? 0 : jpeg.length) - before);
        keepWithinBudget(feed);
    }

    /** What {@link #observe} made of statistics from the statistics topic. */
    public enum Observation {
        /** Of a newer frame than known here: now the camera's latest. */
        NEWER,
        /** Of the latest frame known here, or an older one (this replica's own, coming back). */
        NOT_NEWER,
        /** Of a camera not known here, with every slot taken. */
        NO_ROOM
    }

    /** Takes statistics of the group, computed here or by another replica, if they are the camera's newest. */
    public Observation observe(FrameStatistics statistics) {
        Optional<CameraFeed> slot = admit(statistics.camera());
        if (slot.isEmpty()) {
            return Observation.NO_ROOM;
        }
        CameraFeed feed = slot.get();
        long freed = feed.observe(statistics);
        if (freed < 0) {
            return Observation.NOT_NEWER;
        }
        keptBytes.addAndGet(-freed);
        return Observation.NEWER;
    }

    /** Keeps a JPEG fetched from the frames topic for its camera's latest frame, within the frame memory. */
    public void keepFetched(CameraFeed feed, long seq, byte[] jpeg) {
        keptBytes.addAndGet(feed.keepFetched(seq, jpeg));
        keepWithinBudget(feed);
    }

    /** Keeps an annotated frame for its camera's next viewers, within the frame memory. */
    public void keepAnnotated(CameraFeed feed, AnnotatedFrame frame) {
        keptBytes.addAndGet(feed.keepAnnotated(frame));
        keepWithinBudget(feed);
    }

    /** Bytes of JPEGs kept now, over all cameras. */
    public long keptBytes() {
        return keptBytes.get();
    }

    private synchronized void keepWithinBudget(CameraFeed current) {
        if (keptBytes.get() <= frameMemory) {
            return;
        }
        List<CameraFeed> oldestFirst = feeds.values().stream().filter(feed -> feed != current)
                .sorted(Comparator.comparingLong(CameraFeed::updatedNanos)).toList();
        for (CameraFeed feed : oldestFirst) {
            if (keptBytes.get() <= frameMemory) {
                return;
            }
            keptBytes.addAndGet(-feed.dropFrame());
        }
    }

    /** The camera with the most recently processed frame, if any. */
    public Optional<CameraFeed> mostRecent() {
        return feeds.values().stream().filter(CameraFeed::hasFrame)
                .max(Comparator.comparingLong(CameraFeed::updatedNanos));
    }

    public List<CameraSummary> summaries() {
        Instant now = Instant.now();
        return feeds.values().stream().map(feed -> feed.summary(now, noSignalAfterMillis))
                .sorted(Comparator.comparing(CameraSummary::id)).toList();
    }

    /** The ids of the cameras whose latest frame is older than {@code no-signal-after}. */
    public List<String> withNoSignal() {
        return summaries().stream().filter(camera -> CameraState.NO_SIGNAL.label().equals(camera.state()))
                .map(CameraSummary::id).toList();
    }

    public int count() {
        return feeds.size();
    }

    private synchronized void expire(CameraFeed feed) {
        feeds.remove(feed.id());
        CameraMeters.remove(registry, feed.id());
        keptBytes.addAndGet(-feed.dropFrame());
        feed.release();
        LOG.infof("%s: no frame for over %s; its slot goes to a new camera", feed.id(),
                Duration.ofNanos(expiryNanos));
    }

    @PreDestroy
    void release() {
        feeds.values().forEach(CameraFeed::release);
    }
}
