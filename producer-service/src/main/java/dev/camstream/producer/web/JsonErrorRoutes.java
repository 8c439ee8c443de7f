package dev.camstream.producer.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * JSON error bodies for what never reaches the REST layer: request URIs and headers over this service's
 * limits, paths nothing serves, and methods other than GET or HEAD on the read-only {@code /q/} endpoints
 * (health, metrics), which would otherwise answer anything.
 * <p>
 * Vert.x answers requests its codec cannot take (over its own limits, or a URI with malformed
 * percent-encoding) before any route, with an empty body, and Quarkus has no hook for that answer. So the
 * codec's limits ({@code quarkus.http.limits.*}) are set well above the ones enforced here: only requests
 * over those, and malformed URIs, get no JSON.
 */
@ApplicationScoped
public class JsonErrorRoutes {

    private static final int MAX_URI_LENGTH = 4096;
    private static final int MAX_HEADERS_SIZE = 16 * 1024;
    // Ahead of the routes Quarkus registers for health and metrics.
    private static final int BEFORE_MANAGEMENT_ROUTES = -10_000;
    private static final int FIRST = BEFORE_MANAGEMENT_ROUTES - 1;

    void install(@Observes Router router) {
        router.route().order(FIRST).handler(JsonErrorRoutes::withinLimits);
        // A change without the credential: the challenge stays, the body is JSON like every other error.
        router.route().order(FIRST).failureHandler(JsonErrorRoutes::unauthorized);
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
        context.next();
    }

    private static void unauthorized(RoutingContext context) {
        Throwable failure = context.failure();
        boolean authentication = failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException;
        if (!authentication && context.statusCode() != 401) {
            context.next();
            return;
        }
        context.response().putHeader("WWW-Authenticate", "basic");
        write(context, 401, JsonChallengeAuthentication.NEEDS_CREDENTIAL);
    }

    private static void readOnly(RoutingContext context) {
        HttpMethod method = context.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            write(context, 405, method + " is not allowed on " + context.normalizedPath() + "; use GET");
            return;
        }
        context.next();
    }

    private static void write(RoutingContext context, int status, String message) {
        if (context.response().headWritten()) {
            context.response().end();
            return;
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(new ApiError(status, ApiError.codeOf(status), message)));
    }
}
