package dev.camstream.consumer.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.store.CameraFeed;
import io.smallrye.mutiny.Multi;

/** {@code GET /stats/latest}: the statistics of a camera's latest frame; {@code /stats/stream}: every frame's, as SSE. */
@Path("/stats")
public class StatsResource {

    private final CameraLookup cameras;
    private final LiveStreams streams;

    public StatsResource(CameraLookup cameras, LiveStreams streams) {
        this.cameras = cameras;
        this.streams = streams;
    }

    @GET
    @Path("/latest")
    @Produces(MediaType.APPLICATION_JSON)
    public FrameStatistics latest(@QueryParam("camera") String camera) {
        CameraFeed feed = cameras.resolve(camera);
        return feed.statistics()
                .orElseThrow(() -> CameraNotFoundException.noFrameYet(feed.id()));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<FrameStatistics> stream(@QueryParam("camera") String camera) {
        return streams.statistics(camera);
    }
}
