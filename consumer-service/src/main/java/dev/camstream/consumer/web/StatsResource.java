package dev.camstream.consumer.web;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.history.StatisticsHistory;
import dev.camstream.consumer.history.StatisticsSeries;
import dev.camstream.consumer.stats.FrameStatistics;
import dev.camstream.consumer.store.CameraFeed;
import dev.camstream.consumer.store.CameraState;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

/**
 * {@code GET /stats/latest}: the statistics of a camera's latest frame, with its age; {@code /stats/stream}:
 * every frame's, as SSE; {@code /stats/range}: the series of a time range, from the statistics topic. All
 * cover every camera of the group, whichever replica processes it.
 */
@Path("/stats")
public class StatsResource {

    static final String CSV = "text/csv";
    // A day of one point a second is 86,400: a plot or a spreadsheet needs no more.
    static final int MOST_POINTS = 100_000;

    private final CameraLookup cameras;
    private final LiveStreams streams;
    private final StatisticsHistory history;
    private final long noSignalAfterMillis;
    private final Duration longestStatistics;

    public StatsResource(CameraLookup cameras, LiveStreams streams, StatisticsHistory history, ConsumerSettings config) {
        this.cameras = cameras;
        this.streams = streams;
        this.history = history;
        this.noSignalAfterMillis = config.noSignalAfter().toMillis();
        this.longestStatistics = config.history().longestStatistics();
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

    @APIResponses({
        @APIResponse(responseCode = "200", description = "The camera's statistics series from the statistics topic: "
                + "every frame's, or one point per step; CSV with Accept: text/csv or format=csv",
                content = {
                    @Content(mediaType = "application/json", schema = @Schema(implementation = StatisticsSeries.class)),
                    @Content(mediaType = CSV) }),
        @APIResponse(responseCode = "400", description = "No camera, a malformed id, a time or step that is not one, to "
                + "before from, a range over camstream.history.longest-statistics, or more than " + MOST_POINTS + " points",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "404", description = "Unknown camera, or no frame of it known yet",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "503", description = "The statistics topic cannot be read now",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    })
    @GET
    @Path("/range")
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @Blocking // reads the statistics topic
    public Response range(@QueryParam("camera") String camera, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("step") String step, @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        CameraLookup.LoggedCamera logged = cameras.logged(camera);
        TimeRange range = TimeRange.of(from, to, longestStatistics);
        Duration stepLength = step == null || step.isBlank() ? null : StepParameter.parse(step);
        if (stepLength != null && range.length().dividedBy(stepLength) >= MOST_POINTS) {
            throw new InvalidParameterException("too-many-points", "the range has more than " + MOST_POINTS
                    + " steps: give a longer step");
        }
        StatisticsSeries.Builder series = new StatisticsSeries.Builder(logged.id(), range.from(), range.to(), stepLength,
                MOST_POINTS);
        history.read(logged.id(), range.from(), range.to(), series::add);
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            throw new InvalidParameterException("invalid-parameter", "format must be csv or json");
        }
        boolean csv = "csv".equals(format) || format == null && accept != null && accept.contains(CSV)
                && !accept.contains(MediaType.APPLICATION_JSON);
        StatisticsSeries answer = series.build();
        return csv
                ? Response.ok(answer.csv(), CSV + ";charset=utf-8").header("Content-Disposition",
                        "inline; filename=\"" + logged.id() + "-stats.csv\"").build()
                : Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<FrameStatistics> stream(@QueryParam("camera") String camera) {
        return streams.statistics(camera);
    }
}
