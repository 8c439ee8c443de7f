package dev.camstream.consumer.web;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.annotate.AnnotatedFrames;
import dev.camstream.consumer.detect.DetectionRecord;
import dev.camstream.consumer.history.CostlyRequests;
import dev.camstream.consumer.history.DetectionHistory;
import dev.camstream.consumer.history.FrameLog;
import dev.camstream.consumer.history.FrameRange;
import dev.camstream.consumer.history.PlaybackPictures;
import dev.camstream.consumer.memory.ImageBudget;
import dev.camstream.consumer.topic.LoggedFrame;
import dev.camstream.consumer.topic.UnitLog;
import dev.camstream.consumer.web.CameraLookup.LoggedCamera;
import io.smallrye.common.annotation.Blocking;

/**
 * Frames of the past, read back from the frames topic: {@code /frames/at} the frame of a moment,
 * {@code /frames/range} a range played back as MJPEG, {@code /frames/span} what the topic holds of a camera.
 */
@Path("/frames")
public class FrameHistoryResource {

    private static final double FASTEST = 16;

    private final CameraLookup cameras;
    private final FrameLog log;
    private final UnitLog units;
    private final AnnotatedFrames annotated;
    private final DetectionHistory detectionHistory;
    private final CostlyRequests costly;
    private final ImageBudget budget;
    private final Duration noSignalAfter;
    private final Duration longestPlayback;

    public FrameHistoryResource(CameraLookup cameras, FrameLog log, UnitLog units, AnnotatedFrames annotated,
            CostlyRequests costly, ImageBudget budget, ConsumerSettings config, DetectionHistory detectionHistory) {
        this.cameras = cameras;
        this.detectionHistory = detectionHistory;
        this.log = log;
        this.units = units;
        this.annotated = annotated;
        this.costly = costly;
        this.budget = budget;
        this.noSignalAfter = config.noSignalAfter();
        this.longestPlayback = config.history().longestPlayback();
    }

    @APIResponses({
        @APIResponse(responseCode = "200", description = "The frame captured at the time or the latest before it: "
                + "annotated, or as recorded with annotate=false. X-Capture-Time and X-Frame-Seq say which"),
        @APIResponse(responseCode = "400", description = "No camera, a malformed id, or a time that is not one",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "404", description = "Unknown camera, or the topic holds no frame of it for that time "
                + "(the body then also gives the oldest and newest it holds)",
                content = @Content(mediaType = "application/json",
                        schema = @Schema(implementation = OutsideHistoryException.HistoryError.class))),
        @APIResponse(responseCode = "503", description = "The frames topic cannot be read now",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    })
    @GET
    @Path("/at")
    @Produces({ FrameResource.IMAGE_JPEG, MediaType.APPLICATION_JSON })
    @Blocking // reads the topic, and decodes and encodes the frame
    public Response at(@QueryParam("camera") String camera, @QueryParam("time") String time,
            @QueryParam("annotate") String annotate) {
        LoggedCamera logged = cameras.logged(camera);
        Instant moment = TimeRange.time("time", time);
        boolean annotating = flag("annotate", annotate, true);
        if (moment.isAfter(logged.newest().plus(noSignalAfter))) {
            throw outside(logged, "the camera's newest frame is older than " + noSignalAfter.toSeconds()
                    + " s at that time: it had no signal then, or it is still to come");
        }
        LoggedFrame found = log.at(logged.id(), logged.partition(), moment)
                .orElseThrow(() -> outside(logged, "the topic holds no frame of the camera captured that early"));
        Optional<DetectionRecord> detections = annotating
                ? detectionHistory.knownAt(logged.id(), found.capturedAt(), annotated.detectionsShown())
                : Optional.empty();
        byte[] jpeg = annotated.recorded(found, annotating, detections)
                .orElseThrow(() -> outside(logged, "the frame of that time does not decode"));
        return Response.ok(jpeg, FrameResource.IMAGE_JPEG)
                .header("X-Camera-Id", logged.id())
                .header("X-Frame-Seq", found.frame().seq())
                .header("X-Capture-Time", found.capturedAt().toString())
                .header("X-Frame-Offset", found.partition() + "@" + found.offset())
                // A frame of the past never changes; the page that shows it may keep it.
                .header("Cache-Control", "private, max-age=3600")
                .build();
    }

    /** What the frames topic holds of a camera: the capture times of its oldest and newest frame. */
    public record FrameSpan(String camera, Instant oldest, Instant newest) {
    }

    @APIResponses({
        @APIResponse(responseCode = "200", description = "The capture times of the camera's oldest and newest frames in the topic"),
        @APIResponse(responseCode = "400", description = "No camera, or a malformed id",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "404", description = "Unknown camera, or no frame of it known yet",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    })
    @GET
    @Path("/span")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public FrameSpan span(@QueryParam("camera") String camera) {
        LoggedCamera logged = cameras.logged(camera);
        return new FrameSpan(logged.id(), log.oldest(logged.id(), logged.partition()).orElse(null), logged.newest());
    }

    @APIResponses({
        @APIResponse(responseCode = "200", description = "The frames of the range as recorded, paced by capture "
                + "time divided by speed (or as fast as read with speed=max); each part has X-Capture-Time"),
        @APIResponse(responseCode = "400", description = "No camera, a malformed id, a time that is not one, to before "
                + "from, a range over camstream.history.longest-playback, or a bad speed",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "404", description = "Unknown camera, or no frame of it known yet",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "429", description = "Every playback slot of this replica is taken",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    })
    @GET
    @Path("/range")
    @Produces({ MjpegPart.MJPEG, MediaType.APPLICATION_JSON })
    @Blocking // the playback writes from this worker thread, waiting between frames
    public Response range(@QueryParam("camera") String camera, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("speed") String speed) {
        LoggedCamera logged = cameras.logged(camera);
        TimeRange range = TimeRange.of(from, to, longestPlayback);
        double pace = speed(speed);
        CostlyRequests.Slot slot = costly.playback();
        FrameRange frames = slot.open(() -> log.openRange(logged.id(), logged.partition(), range.from(), range.to()));
        StreamingOutput playback = output -> {
            try (slot; frames; PlaybackPictures pictures = new PlaybackPictures(units, budget)) {
                play(frames, pictures, pace, output);
            }
        };
        return Response.ok(playback, MjpegPart.MJPEG).header("Cache-Control", "no-store").build();
    }

    private static void play(FrameRange frames, PlaybackPictures pictures, double pace, OutputStream output)
            throws IOException {
        long startNanos = System.nanoTime();
        long firstMicros = -1;
        for (Optional<LoggedFrame> next = frames.next(); next.isPresent(); next = frames.next()) {
            LoggedFrame frame = next.get();
            long captureMicros = frame.frame().captureTimeMicros();
            if (firstMicros < 0) {
                firstMicros = captureMicros;
            } else if (pace > 0) {
                waitUntil(startNanos + (long) ((captureMicros - firstMicros) * 1000 / pace));
            }
            Optional<byte[]> jpeg;
            try {
                jpeg = pictures.jpeg(frame);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("playback interrupted", e);
            }
            if (jpeg.isPresent()) {
                output.write(MjpegPart.of(frame.frame().cameraId(), frame.frame().seq(), frame.capturedAt(), jpeg.get()));
                output.flush();
            }
        }
    }

    private static void waitUntil(long nanos) throws IOException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("playback interrupted", e);
            }
        }
    }

    /** The playback speed: a factor of capture pace from 1/16 to 16, 1 if not given; {@code max} is 0, no pacing. */
    private static double speed(String speed) {
        if (speed == null || speed.isBlank()) {
            return 1;
        }
        if (speed.strip().equals("max")) {
            return 0;
        }
        try {
            double factor = Double.parseDouble(speed.strip());
            if (factor >= 1 / FASTEST && factor <= FASTEST) {
                return factor;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidParameterException("invalid-speed", "speed must be a number from 0.0625 to 16, or max");
    }

    private static boolean flag(String name, String value, boolean unset) {
        if (value == null || value.isBlank()) {
            return unset;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidParameterException("invalid-parameter", name + " must be true or false");
        };
    }

    private OutsideHistoryException outside(LoggedCamera logged, String why) {
        Instant oldest = log.oldest(logged.id(), logged.partition()).orElse(null);
        return new OutsideHistoryException("no frame of '" + logged.id() + "' at that time: " + why, logged.id(), oldest,
                logged.newest());
    }
}
