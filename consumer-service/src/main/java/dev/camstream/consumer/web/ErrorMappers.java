package dev.camstream.consumer.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Domain errors as JSON bodies with the right status. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response notFound(CameraNotFoundException e) {
        return error(404, "not-found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response badCamera(InvalidCameraIdException e) {
        return error(400, "invalid-camera", e.getMessage());
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(status, code, message))
                .build();
    }
}
