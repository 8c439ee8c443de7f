package dev.camstream.consumer.store;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.camstream.consumer.ConsumerSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The pictures kept for the frame endpoints, per camera: the JPEG of its latest frame once here (as received,
 * made from its decoded video while someone watches, or fetched), and the annotated JPEG made last, which stays
 * until a newer one replaces it so that viewers always get the last known picture. All of them stay within
 * {@code camstream.frame-memory}: over it, the cameras updated longest ago give theirs up first, and get them
 * back with their next frame. Also remembers when each camera's picture was last asked for. Only cameras with a
 * slot are here ({@link CameraSlots} makes it forget the others). Guarded by this object; nothing slow is done
 * under its lock.
 */
@ApplicationScoped
public class PictureCache {

    // A camera whose picture was asked for this recently keeps the JPEG of each frame processed here, made
    // from its decoded video; one nobody watches costs no JPEG encoding.
    private static final long PICTURES_WANTED_NANOS = 10_000_000_000L;

    // In the order the cameras' latest frames came, the one updated longest ago first.
    private final Map<String, Pictures> cameras = new LinkedHashMap<>();
    private final long frameMemory;
    private final AtomicLong keptBytes = new AtomicLong();

    public PictureCache(ConsumerSettings config, MeterRegistry registry) {
        this.frameMemory = config.frameMemoryBytes();
        Gauge.builder("camstream.consumer.frame.memory", keptBytes, AtomicLong::get)
                .description("JPEGs kept for the frame endpoints, over all cameras").baseUnit("bytes")
                .register(registry);
    }

    /** One camera's pictures. */
    private static final class Pictures {
        private long seq = -1;
        private byte[] jpeg;
        private AnnotatedFrame annotated;
        private long askedNanos = System.nanoTime() - PICTURES_WANTED_NANOS - 1;

        long bytes() {
            return (jpeg == null ? 0 : jpeg.length) + (annotated == null ? 0 : annotated.jpeg().length);
        }
    }

    /** Frame {@code seq} became the camera's latest, processed here, with its JPEG or none (video nobody watched). */
    synchronized void processed(String camera, long seq, byte[] jpeg) {
        Pictures pictures = updated(camera);
        long before = pictures.bytes();
        pictures.seq = seq;
        pictures.jpeg = jpeg;
        pictures.annotated = null;
        kept(camera, pictures.bytes() - before);
    }

    /** Frame {@code seq} became the camera's latest, processed elsewhere: its JPEG is fetched when asked for. */
    synchronized void observed(String camera, long seq) {
        Pictures pictures = updated(camera);
        long before = pictures.bytes();
        pictures.seq = seq;
        pictures.jpeg = null;
        keptBytes.addAndGet(pictures.bytes() - before);
    }

    /** The JPEG of the camera's latest frame, if it is here; the camera's picture counts as asked for. */
    public synchronized Optional<byte[]> latestJpeg(String camera) {
        Pictures pictures = cameras.get(camera);
        if (pictures == null) {
            return Optional.empty();
        }
        pictures.askedNanos = System.nanoTime();
        return Optional.ofNullable(pictures.jpeg);
    }

    /** Whether someone asked for this camera's picture lately: then frames decoded from video are kept as JPEG. */
    public synchronized boolean picturesWanted(String camera) {
        Pictures pictures = cameras.get(camera);
        return pictures != null && System.nanoTime() - pictures.askedNanos < PICTURES_WANTED_NANOS;
    }

    /** Keeps a JPEG fetched from the frames topic if it is still of the camera's latest frame. */
    public synchronized void keepFetched(String camera, long seq, byte[] jpeg) {
        Pictures pictures = cameras.get(camera);
        if (pictures == null || pictures.seq != seq || pictures.jpeg != null) {
            return;
        }
        pictures.jpeg = jpeg;
        kept(camera, jpeg.length);
    }

    /** The annotated JPEG made last: of the latest frame, or of an earlier one if none was made since. */
    public synchronized Optional<AnnotatedFrame> annotated(String camera) {
        Pictures pictures = cameras.get(camera);
        return pictures == null ? Optional.empty() : Optional.ofNullable(pictures.annotated);
    }

    /** Keeps an annotated frame for the camera's next viewers, unless a newer one is there. */
    public synchronized void keepAnnotated(AnnotatedFrame frame) {
        Pictures pictures = cameras.get(frame.camera());
        boolean newerThere = pictures != null && pictures.annotated != null
                && pictures.annotated.capturedAt().isAfter(frame.capturedAt());
        if (pictures == null || newerThere) {
            return;
        }
        long before = pictures.annotated == null ? 0 : pictures.annotated.jpeg().length;
        pictures.annotated = frame;
        kept(frame.camera(), frame.jpeg().length - before);
    }

    /** The camera gave its slot up: its pictures go. */
    synchronized void forget(String camera) {
        Pictures pictures = cameras.remove(camera);
        if (pictures != null) {
            keptBytes.addAndGet(-pictures.bytes());
        }
    }

    /** Bytes of JPEGs kept now, over all cameras. */
    public long keptBytes() {
        return keptBytes.get();
    }

    private Pictures updated(String camera) {
        Pictures pictures = cameras.remove(camera);
        if (pictures == null) {
            pictures = new Pictures();
        }
        cameras.put(camera, pictures); // now the one updated last
        return pictures;
    }

    /** Counts {@code bytes} more kept for {@code current}; over the frame memory, others give theirs up. */
    private void kept(String current, long bytes) {
        if (keptBytes.addAndGet(bytes) <= frameMemory) {
            return;
        }
        Iterator<Map.Entry<String, Pictures>> oldestFirst = cameras.entrySet().iterator();
        while (keptBytes.get() > frameMemory && oldestFirst.hasNext()) {
            Map.Entry<String, Pictures> camera = oldestFirst.next();
            if (!camera.getKey().equals(current)) {
                Pictures pictures = camera.getValue();
                keptBytes.addAndGet(-pictures.bytes());
                pictures.jpeg = null;
                pictures.annotated = null;
            }
        }
    }
}
