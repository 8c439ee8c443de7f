package dev.camstream.consumer.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.camstream.consumer.ConsumerConfig;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.store.CameraFeed;
import dev.camstream.consumer.store.CameraState;
import io.smallrye.mutiny.Multi;

/**
 * {@code GET /stats/latest}: the statistics of a camera's latest frame, with its age; {@code /stats/stream}:
 * every frame's, as SSE. Both cover every camera of the group, whichever replica processes it.
 */
@Path("/stats")
public class StatsResource {

    private final CameraLookup cameras;
    private final LiveStreams streams;
    private final long noSignalAfterMillis;

    public StatsResource(CameraLookup cameras, LiveStreams streams, ConsumerConfig config) {
        this.cameras = cameras;
        this.streams = streams;
        this.noSignalAfterMillis = config.noSignalAfter().toMillis();
    }

    @APIResponses({
        @APIResponse(responseCode = "200", description = "The statistics of the camera's latest frame, with its age"),
        @APIResponse(responseCode = "400", description = "Malformed camera id",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "404", description = "Unknown camera, or no frame yet",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    })
    @GET
    @Path("/latest")
    @Produces(MediaType.APPLICATION_JSON)
    public LatestStatistics latest(@QueryParam("camera") String camera) {
        CameraFeed feed = cameras.resolve(camera);
        FrameStatistics statistics = feed.statistics().orElseThrow(() -> CameraNotFoundException.noFrameYet(feed.id()));
        long ageMs = Math.max(0, ChronoUnit.MILLIS.between(statistics.capturedAt(), Instant.now()));
        CameraState state = ageMs > noSignalAfterMillis ? CameraState.NO_SIGNAL : CameraState.LIVE;
        return new LatestStatistics(statistics, ageMs, state.label());
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<FrameStatistics> stream(@QueryParam("camera") String camera) {
        return streams.statistics(camera);
    }
}
