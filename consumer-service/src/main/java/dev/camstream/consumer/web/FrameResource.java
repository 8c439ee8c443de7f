package dev.camstream.consumer.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;

import dev.camstream.consumer.annotate.AnnotatedFrames;
import dev.camstream.consumer.store.AnnotatedFrame;
import dev.camstream.consumer.store.CameraFeed;
import dev.camstream.consumer.store.CameraState;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

/** {@code GET /frames/latest}: the latest annotated frame of a camera as JPEG; {@code /frames/stream}: all of them as MJPEG. */
@Path("/frames")
public class FrameResource {

    static final String IMAGE_JPEG = "image/jpeg";

    private final CameraLookup cameras;
    private final AnnotatedFrames annotated;
    private final LiveStreams streams;

    public FrameResource(CameraLookup cameras, AnnotatedFrames annotated, LiveStreams streams) {
        this.cameras = cameras;
        this.annotated = annotated;
        this.streams = streams;
    }

    @APIResponses({
        @APIResponse(responseCode = "200", description = "The annotated JPEG; X-Frame-Age-Ms and X-Camera-State say how fresh"),
        @APIResponse(responseCode = "400", description = "Malformed camera id",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "404", description = "Unknown camera, or no frame yet",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "503", description = "Processed elsewhere, and its frame cannot be read from Kafka now",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    })
    @GET
    @Path("/latest")
    @Produces({ IMAGE_JPEG, "application/json" })
    @Blocking // annotating and encoding take milliseconds of CPU: not on the event loop
    public Response latest(@QueryParam("camera") String camera) {
        CameraFeed feed = cameras.resolve(camera);
        if (feed.statistics().isEmpty()) {
            throw CameraNotFoundException.noFrameYet(feed.id());
        }
        AnnotatedFrame frame = annotated.latest(feed).orElseThrow(() -> new FrameUnavailableException(feed.id()));
        long ageMs = Math.max(0, ChronoUnit.MILLIS.between(frame.capturedAt(), Instant.now()));
        return Response.ok(frame.jpeg(), IMAGE_JPEG)
                .header("X-Camera-Id", frame.camera())
                .header("X-Frame-Seq", frame.seq())
                .header("X-Frame-Age-Ms", ageMs)
                .header("X-Camera-State", frame.noSignal() ? CameraState.NO_SIGNAL.label() : CameraState.LIVE.label())
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("/stream")
    @Produces(LiveStreams.MJPEG)
    public Multi<byte[]> stream(@QueryParam("camera") String camera) {
        return streams.mjpeg(camera);
    }
}
