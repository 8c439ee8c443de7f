package dev.camstream.consumer.processing;

import java.util.Map;

import dev.camstream.consumer.memory.LeastRecentlyUsed;
import dev.camstream.consumer.topic.UnitLog;

/**
 * The {@link CameraContext} of each camera this replica processes, at most {@code max-cameras} of them (the
 * one used longest ago is closed first, and starts again from nothing if its camera comes back). Used by the
 * processing thread only.
 */
final class CameraContexts implements AutoCloseable {

    private final UnitLog log;
    private final Map<String, CameraContext> cameras;

    CameraContexts(UnitLog log, int maxCameras) {
        this.log = log;
        this.cameras = new LeastRecentlyUsed<>(maxCameras, CameraContext::close);
    }

    /** The camera's context, made now if it has none. */
    CameraContext of(String cameraId) {
        return cameras.computeIfAbsent(cameraId, id -> new CameraContext(log));
    }

    /** A unit of the camera was not decoded (stale); a camera with no context yet has nothing to rejoin. */
    void skipped(String cameraId) {
        CameraContext camera = cameras.get(cameraId);
        if (camera != null) {
            camera.skipped();
        }
    }

    @Override
    public void close() {
        cameras.values().forEach(CameraContext::close);
        cameras.clear();
    }
}
