package dev.camstream.producer.web;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.camstream.producer.camera.CameraManager;
import dev.camstream.producer.camera.CameraSnapshot;

/** {@code GET /cameras}: each camera's state and counters, URLs with passwords masked. */
@Path("/cameras")
@Produces(MediaType.APPLICATION_JSON)
public class CameraResource {

    private final CameraManager cameras;

    public CameraResource(CameraManager cameras) {
        this.cameras = cameras;
    }

    @GET
    public List<CameraSnapshot> list() {
        return cameras.snapshots();
    }
}
