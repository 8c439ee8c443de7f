package dev.camstream.consumer.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.camstream.consumer.history.TooBusyException;
import dev.camstream.consumer.history.TooManyPointsException;
import dev.camstream.consumer.memory.ImageMemoryBusyException;
import dev.camstream.consumer.topic.TopicUnavailableException;

/** Domain errors, and HTTP errors of the REST layer itself (no such path, wrong method), as JSON bodies. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response notFound(CameraNotFoundException e) {
        return error(404, "not-found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response badCamera(InvalidCameraIdException e) {
        return error(400, "invalid-camera", e.getMessage());
    }

    @ServerExceptionMapper
    public Response busy(ImageMemoryBusyException e) {
        return Response.fromResponse(error(503, "busy", e.getMessage())).header("Retry-After", 1).build();
    }

    @ServerExceptionMapper
    public Response unavailable(FrameUnavailableException e) {
        return Response.fromResponse(error(503, "unavailable", e.getMessage())).header("Retry-After", 1).build();
    }

    @ServerExceptionMapper
    public Response badParameter(InvalidParameterException e) {
        return error(400, e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response tooManyPoints(TooManyPointsException e) {
        return error(400, "too-many-points", e.getMessage());
    }

    @ServerExceptionMapper
    public Response outsideHistory(OutsideHistoryException e) {
        return Response.status(404).type(MediaType.APPLICATION_JSON).entity(e.body()).build();
    }

    @ServerExceptionMapper
    public Response tooBusy(TooBusyException e) {
        return Response.fromResponse(error(429, "too-busy", e.getMessage())).header("Retry-After", 5).build();
    }

    @ServerExceptionMapper
    public Response topicUnavailable(TopicUnavailableException e) {
        return Response.fromResponse(error(503, "unavailable", e.getMessage())).header("Retry-After", 1).build();
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
