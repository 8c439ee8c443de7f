package dev.camstream.consumer.web;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.camstream.consumer.frame.FrameReader;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.store.CameraFeed;
import dev.camstream.consumer.store.CameraStore;

/** Resolves the {@code camera} query parameter of the REST API: a given id, or the most recent camera. */
@ApplicationScoped
public class CameraLookup {

    private final CameraStore store;

    public CameraLookup(CameraStore store) {
        this.store = store;
    }

    /**
     * A camera of the history endpoints: given, and known to the group, with the partition of the frames
     * topic its frames are in: a 400 if none is given or the id is malformed, a 404 if no frame of it is known.
     */
    public LoggedCamera logged(String camera) {
        checkedId(camera);
        CameraFeed feed = store.find(camera)
                .orElseThrow(() -> new CameraNotFoundException("no camera '" + camera + "' is known"));
        FrameStatistics latest = feed.statistics().orElseThrow(() -> CameraNotFoundException.noFrameYet(camera));
        return new LoggedCamera(camera, latest.source().partition(), latest.capturedAt());
    }

    /** The camera id given: a 400 if there is none, or it is malformed. */
    static String checkedId(String camera) {
        if (camera == null || camera.isEmpty()) {
            throw new InvalidParameterException("invalid-camera", "camera is required");
        }
        if (!FrameReader.CAMERA_ID.matcher(camera).matches()) {
            throw new InvalidCameraIdException("camera must be 1-64 characters of A-Z a-z 0-9 . _ -");
        }
        return camera;
    }

    /** A camera and where its frames are: a partition of the frames topic; its newest frame's capture time. */
    public record LoggedCamera(String id, int partition, Instant newest) {
    }

    public CameraFeed resolve(String camera) {
        if (camera == null || camera.isEmpty()) {
            return store.mostRecent().orElseThrow(() -> new CameraNotFoundException("no frame processed yet"));
        }
        if (!FrameReader.CAMERA_ID.matcher(camera).matches()) {
            throw new InvalidCameraIdException("camera must be 1-64 characters of A-Z a-z 0-9 . _ -");
        }
        return store.find(camera).orElseThrow(() -> new CameraNotFoundException("no camera '" + camera + "' seen"));
    }
}
