package dev.camstream.consumer.store;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.camstream.consumer.ConsumerSettings;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The slots of the cameras of this replica's group, processed here or by another replica: at most
 * {@code camstream.max-cameras}. A camera takes a slot only with a frame that passed every check and decoded
 * (or with statistics from another replica), so junk records take none; a camera idle for
 * {@code camstream.camera-expiry} gives its slot up when a new camera needs one, so a flood of ids that once
 * looked valid leaves no lasting damage. Slots are taken and given up under this object's lock.
 */
@ApplicationScoped
public class CameraSlots {

    private static final Logger LOG = Logger.getLogger(CameraSlots.class);

    private final ConcurrentMap<String, CameraFeed> feeds = new ConcurrentHashMap<>();
    private final int maxCameras;
    private final long expiryNanos;
    private final MeterRegistry registry;
    private final PictureCache pictures;

    public CameraSlots(ConsumerSettings config, MeterRegistry registry, PictureCache pictures) {
        this.maxCameras = config.maxCameras();
        this.expiryNanos = config.cameraExpiry().toNanos();
        this.registry = registry;
        this.pictures = pictures;
    }

    public Optional<CameraFeed> find(String cameraId) {
        return Optional.ofNullable(feeds.get(cameraId));
    }

    /** Whether the camera has a slot or would get one now; takes nothing. */
    public boolean admits(String cameraId) {
        if (feeds.containsKey(cameraId)) {
            return true;
        }
        synchronized (this) {
            return feeds.size() < maxCameras || longestIdleExpired().isPresent();
        }
    }

    /** The camera's slot, taken now if it had none: the longest-idle expired camera gives its up if all are taken. */
    synchronized Optional<CameraFeed> take(String cameraId) {
        CameraFeed known = feeds.get(cameraId);
        if (known != null) {
            return Optional.of(known);
        }
        if (feeds.size() >= maxCameras) {
            longestIdleExpired().ifPresent(this::expire);
        }
        if (feeds.size() >= maxCameras) {
            return Optional.empty();
        }
        CameraFeed feed = new CameraFeed(cameraId, registry);
        feeds.put(cameraId, feed);
        return Optional.of(feed);
    }

    public Collection<CameraFeed> all() {
        return feeds.values();
    }

    public int count() {
        return feeds.size();
    }

    private Optional<CameraFeed> longestIdleExpired() {
        long now = System.nanoTime();
        return feeds.values().stream().filter(feed -> now - feed.updatedNanos() > expiryNanos)
                .min(Comparator.comparingLong(CameraFeed::updatedNanos));
    }

    private void expire(CameraFeed feed) {
        feeds.remove(feed.id());
        CameraMeters.remove(registry, feed.id());
        pictures.forget(feed.id());
        LOG.infof("%s: no frame for over %s; its slot goes to a new camera", feed.id(), Duration.ofNanos(expiryNanos));
    }
}
