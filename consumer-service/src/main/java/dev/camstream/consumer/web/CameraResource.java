package dev.camstream.consumer.web;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.camstream.consumer.analysis.FrameAnalysis;
import dev.camstream.consumer.store.CameraStore;
import dev.camstream.consumer.store.CameraSummary;

/** {@code GET /cameras}: every camera seen, with its counters, and how this replica analyses it (or why not). */
@Path("/cameras")
@Produces(MediaType.APPLICATION_JSON)
public class CameraResource {

    private final CameraStore store;
    private final FrameAnalysis analysis;

    public CameraResource(CameraStore store, FrameAnalysis analysis) {
        this.store = store;
        this.analysis = analysis;
    }

    /** A camera's summary and its analysis. */
    public record CameraListing(@JsonUnwrapped CameraSummary camera, FrameAnalysis.Status analysis) {
    }

    @GET
    public List<CameraListing> list() {
        return store.summaries().stream().map(camera -> new CameraListing(camera, analysis.status(camera.id()))).toList();
    }
}
