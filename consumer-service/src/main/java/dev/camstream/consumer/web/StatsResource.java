package dev.camstream.consumer.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
