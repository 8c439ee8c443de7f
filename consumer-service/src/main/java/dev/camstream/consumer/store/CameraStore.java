package dev.camstream.consumer.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.stats.FrameStatistics;

/**
 * What this replica knows of its group's cameras, written once for each thing that happens to a frame: processed
 * here, skipped, read without a picture yet, rejected, or processed by another replica. Each write keeps the
 * camera's slot ({@link CameraSlots}), its statistics and counters ({@link CameraFeed}) and its pictures
 * ({@link PictureCache}) in step.
 */
@ApplicationScoped
public class CameraStore {

    private final CameraSlots slots;
    private final PictureCache pictures;
    private final long noSignalAfterMillis;

    public CameraStore(CameraSlots slots, PictureCache pictures, ConsumerSettings config) {
        this.slots = slots;
        this.pictures = pictures;
        this.noSignalAfterMillis = config.noSignalAfter().toMillis();
    }

    public Optional<CameraFeed> find(String cameraId) {
        return slots.find(cameraId);
    }

    /** Whether a frame of the camera processed now would be kept: it has a slot, or would get one. */
    public boolean admits(String cameraId) {
        return slots.admits(cameraId);
    }

    /**
     * Makes a frame processed here its camera's latest, with its JPEG (if any) and how long it took; false if the
     * camera has no slot and none is free.
     */
    public boolean processed(FrameStatistics statistics, byte[] jpeg, ProcessingTimes times) {
        Optional<CameraFeed> slot = slots.take(statistics.camera());
        if (slot.isEmpty()) {
            return false;
        }
        CameraFeed feed = slot.get();
        feed.counters().processed(statistics.seq(), statistics.capturedAt());
        feed.processed(statistics);
        pictures.processed(feed.id(), statistics.seq(), jpeg);
        feed.meters().record(times);
        return true;
    }

    /** A stale frame of the camera was skipped without decoding; a camera without a slot gets none for it. */
    public void skipped(String cameraId, long seq) {
        slots.find(cameraId).ifPresent(feed -> feed.counters().skipped(seq));
    }

    /** A frame of the camera was read but gave no picture yet (its decoder holds it back). */
    public void seen(String cameraId, long seq) {
        slots.find(cameraId).ifPresent(feed -> feed.counters().seen(seq));
    }

    /** A record of the camera broke the wire format; counted only on a camera with a slot, so junk creates none. */
    public void rejected(String cameraId) {
        slots.find(cameraId).ifPresent(feed -> feed.counters().rejected());
    }

    /** What {@link #observed} made of statistics from the statistics topic. */
    public enum Observation {
        /** Of a newer frame than known here: now the camera's latest. */
        NEWER,
        /** Of the latest frame known here, or an older one (this replica's own, coming back). */
        NOT_NEWER,
        /** Of a camera not known here, with every slot taken. */
        NO_ROOM
    }

    /** Takes statistics of the group, computed here or by another replica, if they are the camera's newest. */
    public Observation observed(FrameStatistics statistics) {
        Optional<CameraFeed> slot = slots.take(statistics.camera());
        if (slot.isEmpty()) {
            return Observation.NO_ROOM;
        }
        CameraFeed feed = slot.get();
        if (!feed.observed(statistics)) {
            return Observation.NOT_NEWER;
        }
        feed.counters().observed(statistics.seq(), statistics.capturedAt());
        pictures.observed(feed.id(), statistics.seq());
        return Observation.NEWER;
    }

    /** Whether someone watched the camera lately, so that a frame decoded from its video is worth a JPEG. */
    public boolean picturesWanted(String cameraId) {
        return pictures.picturesWanted(cameraId);
    }

    /** The camera with the most recently processed frame, if any. */
    public Optional<CameraFeed> mostRecent() {
        return slots.all().stream().filter(CameraFeed::hasFrame)
                .max(Comparator.comparingLong(CameraFeed::updatedNanos));
    }

    public List<CameraSummary> summaries() {
        Instant now = Instant.now();
        return slots.all().stream().map(feed -> feed.summary(now, noSignalAfterMillis))
                .sorted(Comparator.comparing(CameraSummary::id)).toList();
    }

    /** The ids of the cameras whose latest frame is older than {@code no-signal-after}. */
    public List<String> withNoSignal() {
        return summaries().stream().filter(camera -> CameraState.NO_SIGNAL.label().equals(camera.state()))
                .map(CameraSummary::id).toList();
    }

    public int count() {
        return slots.count();
    }
}
