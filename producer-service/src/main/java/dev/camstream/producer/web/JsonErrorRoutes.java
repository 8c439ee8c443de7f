package dev.camstream.producer.web;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * JSON error bodies for what never reaches the REST layer: request URIs and headers over this service's
 * limits, URIs whose percent-encoding does not decode, paths nothing serves, and methods other than GET or HEAD
 * on the read-only {@code /q/} endpoints (health, metrics), which would otherwise answer anything.
 * <p>
 * Vert.x answers requests its codec cannot take (over its own limits) before any route, with an empty body,
 * and Quarkus has no hook for that answer. So the codec's limits ({@code quarkus.http.limits.*}) are set well
 * above the ones enforced here: only requests over those get no JSON. A URI with malformed percent-encoding
 * would be answered by Quarkus's own HTTP handler, before any route, with an empty 400: the service's main class
 * turns that check off ({@code vertx.disableURIValidation}) and the first route here makes it instead, in JSON.
 */
@ApplicationScoped
public class JsonErrorRoutes {

    private static final int MAX_URI_LENGTH = 4096;
    private static final int MAX_HEADERS_SIZE = 16 * 1024;
    // Ahead of the routes Quarkus registers for health and metrics.
    private static final int BEFORE_MANAGEMENT_ROUTES = -10_000;
    /** The order of the routes that run before every other. */
    static final int FIRST = BEFORE_MANAGEMENT_ROUTES - 1;
    private static final String MALFORMED_URI =
            "the request URI is not one: malformed percent-encoding, or characters a URI may not hold";

    void install(@Observes Router router) {
        router.route().order(FIRST).handler(JsonErrorRoutes::withinLimits);
        router.route("/q/*").order(BEFORE_MANAGEMENT_ROUTES).handler(JsonErrorRoutes::readOnly);
        router.errorHandler(404, context -> write(context, 404, "no such path: " + context.normalizedPath()));
        router.errorHandler(405, context -> write(context, 405, "method not allowed here"));
    }

    private static void withinLimits(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > MAX_URI_LENGTH) {
            write(context, 414, "request URI longer than " + MAX_URI_LENGTH + " characters");
            return;
        }
        int headersSize = 0;
        for (var header : request.headers()) {
            headersSize += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headersSize > MAX_HEADERS_SIZE) {
            write(context, 431, "request headers larger than " + MAX_HEADERS_SIZE + " bytes");
            return;
        }
        try {
            new URI(request.uri()); // the check Quarkus's handler would make (its percent-encoding among it)
        } catch (URISyntaxException e) {
            write(context, 400, MALFORMED_URI);
            return;
        }
        context.next();
    }

    private static void readOnly(RoutingContext context) {
        HttpMethod method = context.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            write(context, 405, method + " is not allowed on " + context.normalizedPath() + "; use GET");
            return;
        }
        context.next();
    }

    /** Answers with a JSON error body, or ends the answer if its head was already written. */
    static void write(RoutingContext context, int status, String message) {
        if (context.response().headWritten()) {
            context.response().end();
            return;
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(new ApiError(status, ApiError.codeOf(status), message)));
    }
}
