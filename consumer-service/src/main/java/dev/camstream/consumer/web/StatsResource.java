package dev.camstream.consumer.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.store.CameraFeed;

/** {@code GET /stats/latest}: the statistics of a camera's latest processed frame. */
@Path("/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final CameraLookup cameras;

    public StatsResource(CameraLookup cameras) {
        this.cameras = cameras;
    }

    @GET
    @Path("/latest")
    public FrameStatistics latest(@QueryParam("camera") String camera) {
        CameraFeed feed = cameras.resolve(camera);
        return feed.statistics()
                .orElseThrow(() -> new CameraNotFoundException("no frame from camera '" + feed.id() + "' yet"));
    }
}
