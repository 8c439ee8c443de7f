package dev.camstream.consumer.web;

import jakarta.enterprise.context.ApplicationScoped;

import dev.camstream.consumer.frame.FrameReader;
import dev.camstream.consumer.store.CameraFeed;
import dev.camstream.consumer.store.CameraFeeds;

/** Resolves the {@code camera} query parameter of the REST API: a given id, or the most recent camera. */
@ApplicationScoped
public class CameraLookup {

    private final CameraFeeds feeds;

    public CameraLookup(CameraFeeds feeds) {
        this.feeds = feeds;
    }

    public CameraFeed resolve(String camera) {
        if (camera == null || camera.isEmpty()) {
            return feeds.mostRecent().orElseThrow(() -> new CameraNotFoundException("no frame processed yet"));
        }
        if (!FrameReader.CAMERA_ID.matcher(camera).matches()) {
            throw new InvalidCameraIdException("camera must be 1-64 characters of A-Z a-z 0-9 . _ -");
        }
        return feeds.find(camera).orElseThrow(() -> new CameraNotFoundException("no camera '" + camera + "' seen"));
    }
}
