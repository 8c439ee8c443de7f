package dev.camstream.consumer.web;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.jboss.logging.Logger;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.history.ClipEncoder;
import dev.camstream.consumer.history.CostlyRequests;
import dev.camstream.consumer.history.FrameLog;
import dev.camstream.consumer.history.FrameRange;
import dev.camstream.consumer.memory.ImageBudget;
import dev.camstream.consumer.topic.UnitLog;
import dev.camstream.consumer.web.CameraLookup.LoggedCamera;
import io.smallrye.common.annotation.Blocking;

/** {@code GET /clips}: a camera's frames of a time range as an H.264 MP4, encoded while the topic is read. */
@Path("/clips")
public class ClipResource {

    static final String VIDEO_MP4 = "video/mp4";
    private static final Logger LOG = Logger.getLogger(ClipResource.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final CameraLookup cameras;
    private final FrameLog log;
    private final UnitLog units;
    private final CostlyRequests costly;
    private final ImageBudget budget;
    private final Duration longestClip;

    public ClipResource(CameraLookup cameras, FrameLog log, UnitLog units, CostlyRequests costly, ImageBudget budget,
            ConsumerSettings config) {
        this.cameras = cameras;
        this.log = log;
        this.units = units;
        this.costly = costly;
        this.budget = budget;
        this.longestClip = config.history().longestClip();
    }

    @APIResponses({
        @APIResponse(responseCode = "200", description = "The clip: fragmented MP4 as a download named after the "
                + "camera and the range; H.264 encoded from the JPEGs, or the camera's own H.264/H.265 in passthrough"),
        @APIResponse(responseCode = "400", description = "No camera, a malformed id, a time that is not one, to before "
                + "from, or a range over camstream.history.longest-clip",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "404", description = "Unknown camera, or no frame of it known yet",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "429", description = "Every export slot of this replica is taken",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "503", description = "The frames topic cannot be read now",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    })
    @GET
    @Produces({ VIDEO_MP4, MediaType.APPLICATION_JSON })
    @Blocking // encodes from this worker thread while the client reads
    public Response clip(@QueryParam("camera") String camera, @QueryParam("from") String from, @QueryParam("to") String to) {
        LoggedCamera logged = cameras.logged(camera);
        TimeRange range = TimeRange.of(from, to, longestClip);
        CostlyRequests.Slot slot = costly.export();
        FrameRange frames = slot.open(() -> log.openRange(logged.id(), logged.partition(), range.from(), range.to()));
        StreamingOutput export = output -> {
            long start = System.nanoTime();
            try (slot; frames) {
                ClipEncoder.Result written = ClipEncoder.encode(frames, output, budget, units);
                LOG.debugf("Clip of %s, %s to %s: %d frames (%d left out) in %d ms", logged.id(), range.from(),
                        range.to(), written.frames(), written.skipped(), (System.nanoTime() - start) / 1_000_000);
            }
        };
        return Response.ok(export, VIDEO_MP4)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(logged.id(), range) + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** {@code door-20261126T140200Z-20261126T140400Z.mp4}: camera ids are already safe in a file name. */
    static String fileName(String camera, TimeRange range) {
        return camera + "-" + FILE_TIME.format(range.from()) + "-" + FILE_TIME.format(range.to()) + ".mp4";
    }
}
