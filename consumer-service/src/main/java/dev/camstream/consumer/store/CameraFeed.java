package dev.camstream.consumer.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import dev.camstream.consumer.stats.FrameStatistics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One camera of the group, as this replica knows it: the statistics of its latest frame, processed here or by
 * another replica, when that frame became the latest, and this replica's counters and meters for it. Its
 * pictures are in the {@link PictureCache}; no pixels live here. Written by the processing thread and the
 * statistics follower, read by request threads: guarded by this object.
 */
public final class CameraFeed {

    private final String id;
    private final CameraCounters counters = new CameraCounters();
    private final CameraMeters meters;
    // Held while this camera's latest frame is being annotated, so that viewers asking at once share one
    // annotation; separate from this object's lock, which readers of the camera's state must never wait on.
    private final Object annotating = new Object();
    private FrameStatistics statistics;
    private long updatedNanos;

    CameraFeed(String id, MeterRegistry registry) {
        this.id = id;
        this.meters = CameraMeters.register(registry, id, counters);
    }

    public String id() {
        return id;
    }

    public CameraMeters meters() {
        return meters;
    }

    CameraCounters counters() {
        return counters;
    }

    /** The lock under which this camera's latest frame is annotated. */
    public Object annotating() {
        return annotating;
    }

    /** Makes a frame processed here the latest. */
    synchronized void processed(FrameStatistics latest) {
        statistics = latest;
        updatedNanos = System.nanoTime();
    }

    /** Takes statistics another replica computed if they are of a newer frame than the latest known here. */
    synchronized boolean observed(FrameStatistics newer) {
        if (statistics != null && !newer.isNewerThan(statistics)) {
            return false;
        }
        statistics = newer;
        updatedNanos = System.nanoTime();
        return true;
    }

    public synchronized Optional<FrameStatistics> statistics() {
        return Optional.ofNullable(statistics);
    }

    synchronized long updatedNanos() {
        return updatedNanos;
    }

    synchronized boolean hasFrame() {
        return statistics != null;
    }

    /** The camera as {@code GET /cameras} lists it, its age and state as of {@code now}. */
    public CameraSummary summary(Instant now, long noSignalAfterMillis) {
        FrameStatistics latest = statistics().orElse(null);
        Instant lastCapture = latest == null ? null : latest.capturedAt();
        long ageMs = lastCapture == null ? -1 : Math.max(0, ChronoUnit.MILLIS.between(lastCapture, now));
        CameraState state = lastCapture == null ? CameraState.WAITING
                : ageMs > noSignalAfterMillis ? CameraState.NO_SIGNAL : CameraState.LIVE;
        synchronized (counters) {
            return new CameraSummary(id, state.label(), ageMs, latest == null ? null : latest.processedBy(),
                    counters.frames(), counters.fps(now.toEpochMilli()), counters.lastSeq(), lastCapture,
                    counters.dropped(), counters.skippedFrames(), counters.rejectedRecords());
        }
    }
}
