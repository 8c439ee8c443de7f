package dev.camstream.producer.web;

import java.io.IOException;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.camstream.producer.camera.CameraCatalog;
import dev.camstream.producer.camera.UrlRedactor;
import dev.camstream.producer.registry.CameraDefinition;
import dev.camstream.producer.registry.CameraRegistry;
import dev.camstream.producer.registry.RegistryFormat;
import dev.camstream.producer.status.CameraSnapshot;

/**
 * {@code /cameras}: every camera with its state, counters and the instance that grabs it (as JSON, or as one
 * line per camera for a terminal with {@code Accept: text/plain}); {@code PUT} and {@code DELETE} of
 * {@code /cameras/{id}} change the registry, and the instance that owns the camera applies the change
 * within seconds. Changes need the {@code camera-admin} role (HTTP permissions in application.properties).
 * Passwords are masked in every answer.
 */
@Path("/cameras")
public class CameraResource {

    static final int MAX_DEFINITION_BYTES = 16 * 1024;

    private final CameraDirectory directory;
    private final CameraRegistry registry;
    private final RegistryFormat format;

    public CameraResource(CameraDirectory directory, CameraRegistry registry, RegistryFormat format) {
        this.directory = directory;
        this.registry = registry;
        this.format = format;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<CameraView> list() {
        return directory.all();
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN + ";qs=0.5")
    public String lines() {
        List<CameraSnapshot> cameras = directory.all().stream().map(CameraView::camera).toList();
        return CameraLines.of(cameras);
    }

    @APIResponses({
        @APIResponse(responseCode = "200", description = "The camera, its state and the instance that grabs it"),
        @APIResponse(responseCode = "404", description = "No such camera",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    })
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public CameraView get(@PathParam("id") String id) {
        return directory.find(id).orElseThrow(() -> new CameraNotFoundException(id));
    }

    @APIResponses({
        @APIResponse(responseCode = "200", description = "Stored; the instance that grabs the camera applies it within seconds"),
        @APIResponse(responseCode = "400", description = "Not a usable camera definition: the message says why",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "401", description = "No credential, or a wrong one (HTTP Basic, user admin)",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "503", description = "The registry cannot take changes now",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    })
    /** Adds or changes a camera; answers with its definition as stored, password masked. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CameraDefinition put(@PathParam("id") String id, byte[] body) {
        if (!CameraCatalog.CAMERA_ID.matcher(id).matches()) {
            throw new BadDefinitionException("camera id must be 1-64 characters of A-Z a-z 0-9 . _ -");
        }
        if (body.length > MAX_DEFINITION_BYTES) {
            throw new BadDefinitionException("definition larger than " + MAX_DEFINITION_BYTES + " bytes");
        }
        CameraDefinition definition;
        try {
            definition = format.readDefinition(body);
        } catch (JsonProcessingException e) {
            throw new BadDefinitionException("not a camera definition: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadDefinitionException("not a camera definition: the body is empty");
        }
        registry.put(id, definition);
        return definition.withUrl(UrlRedactor.redact(definition.url()));
    }

    @APIResponses({
        @APIResponse(responseCode = "204", description = "Removed; its instance stops it within seconds"),
        @APIResponse(responseCode = "401", description = "No credential, or a wrong one (HTTP Basic, user admin)",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "404", description = "No such camera",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
        @APIResponse(responseCode = "503", description = "The registry cannot take changes now",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    })
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        if (!registry.remove(id)) {
            throw new CameraNotFoundException(id);
        }
        return Response.noContent().build();
    }

    /** The first line of a parser's message, masked and short: it may quote the body. */
    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        String masked = UrlRedactor.redact(line).replaceAll("[^ -~]", "?");
        return masked.length() > 200 ? masked.substring(0, 200) + "…" : masked;
    }
}
