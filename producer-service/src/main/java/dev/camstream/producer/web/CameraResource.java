package dev.camstream.producer.web;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.camstream.producer.camera.CameraManager;
import dev.camstream.producer.camera.CameraSnapshot;

/**
 * {@code GET /cameras}: each camera's state and counters, URLs with passwords masked; as JSON, or as one line
 * per camera for a terminal with {@code Accept: text/plain}.
 */
@Path("/cameras")
public class CameraResource {

    private final CameraManager cameras;

    public CameraResource(CameraManager cameras) {
        this.cameras = cameras;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<CameraSnapshot> list() {
        return cameras.snapshots();
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN + ";qs=0.5")
    public String lines() {
        return CameraLines.of(cameras.snapshots());
    }
}
