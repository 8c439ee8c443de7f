package dev.camstream.consumer.web;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.camstream.consumer.store.CameraStore;
import dev.camstream.consumer.store.CameraSummary;

/** {@code GET /cameras}: every camera seen, with its counters. */
@Path("/cameras")
@Produces(MediaType.APPLICATION_JSON)
public class CameraResource {

    private final CameraStore store;

    public CameraResource(CameraStore store) {
        this.store = store;
    }

    @GET
    public List<CameraSummary> list() {
        return store.summaries();
    }
}
