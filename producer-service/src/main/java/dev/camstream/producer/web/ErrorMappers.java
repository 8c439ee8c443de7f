package dev.camstream.producer.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** HTTP errors of the REST layer itself (no such path, wrong method, unacceptable type) as JSON bodies. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String message = status == 404 ? "no such path: " + uri.getRequestUri().getPath() : e.getMessage();
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status, ApiError.codeOf(status), message)).build();
    }
}
