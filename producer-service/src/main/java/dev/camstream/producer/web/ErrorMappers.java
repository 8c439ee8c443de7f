package dev.camstream.producer.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.camstream.producer.camera.InvalidCameraConfigException;
import dev.camstream.producer.registry.RegistryUnavailableException;

/** Camera API errors, and HTTP errors of the REST layer itself (no such path, wrong method, unacceptable type), as JSON bodies. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response notFound(CameraNotFoundException e) {
        return error(404, "not-found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response badDefinition(BadDefinitionException e) {
        return error(400, "invalid-camera", e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidCamera(InvalidCameraConfigException e) {
        return error(400, "invalid-camera", String.join("; ", e.problems()));
    }

    @ServerExceptionMapper
    public Response registryUnavailable(RegistryUnavailableException e) {
        return Response.fromResponse(error(503, "unavailable", e.getMessage())).header("Retry-After", 2).build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String message = status == 404 ? "no such path: " + uri.getRequestUri().getPath() : e.getMessage();
        return error(status, ApiError.codeOf(status), message);
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(status, code, message))
                .build();
    }
}
