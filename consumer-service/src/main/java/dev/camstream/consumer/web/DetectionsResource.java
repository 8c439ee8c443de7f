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

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.detect.DetectionRecord;
import dev.camstream.consumer.history.DetectionHistory;
import dev.camstream.consumer.store.DetectionFeed;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code /detections/latest}: a camera's latest detection record, analysed by any replica (with its age);
 * {@code /detections/range}: its records of a time range, from the detections topic (detection format v1).
 */
@Path("/detections")
@Produces(MediaType.APPLICATION_JSON)
public class DetectionsResource {

    /** Most records one range answer holds: an hour of one camera at 2.5 detections a second. */
    static final int MOST_RECORDS = 10_000;

    private final DetectionFeed feed;
    private final DetectionHistory history;
    private final ConsumerSettings config;

    public DetectionsResource(DetectionFeed feed, DetectionHistory history, ConsumerSettings config) {
        this.feed = feed;
        this.history = history;
        this.config = config;
    }

    /** A detection record and how long ago its frame was captured. */
    public record LatestDetections(@JsonUnwrapped DetectionRecord record, long ageMs) {
    }

    @APIResponses({
        @APIResponse(responseCode = "200", description = "The camera's latest detection record, with its age"),
        @APIResponse(responseCode = "400", description = "No camera, or a malformed id",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "404", description = "No frame of this camera analysed yet",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    })
    @GET
    @Path("/latest")
    public LatestDetections latest(@QueryParam("camera") String camera) {
        DetectionRecord record = feed.latest(CameraLookup.checkedId(camera))
                .orElseThrow(() -> new CameraNotFoundException("no frame of camera '" + camera + "' analysed yet"));
        return new LatestDetections(record, Math.max(0, ChronoUnit.MILLIS.between(record.capturedAt(), Instant.now())));
    }

    @APIResponses({
        @APIResponse(responseCode = "200", description = "The camera's detection records captured from from to to, at most "
                + MOST_RECORDS + " (truncated: ask again from the last one's capturedAt)"),
        @APIResponse(responseCode = "400", description = "No camera, a malformed id, a time that is not one, to before "
                + "from, or a range over camstream.history.longest-statistics",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "503", description = "The detections topic cannot be read now",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    })
    @GET
    @Path("/range")
    @Blocking // reads the detections topic
    public DetectionHistory.Range range(@QueryParam("camera") String camera, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        String id = CameraLookup.checkedId(camera);
        TimeRange range = TimeRange.of(from, to, config.history().longestStatistics());
        return history.read(id, range.from(), range.to(), MOST_RECORDS);
    }
}
