package dev.camstream.producer.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * JSON error bodies for what never reaches the REST layer: paths nothing serves, and methods other than GET
 * or HEAD on the read-only {@code /q/} endpoints (health, metrics), which would otherwise answer anything.
 */
@ApplicationScoped
public class JsonErrorRoutes {

    // Ahead of the routes Quarkus registers for health and metrics.
    private static final int BEFORE_MANAGEMENT_ROUTES = -10_000;

    void install(@Observes Router router) {
        router.route("/q/*").order(BEFORE_MANAGEMENT_ROUTES).handler(JsonErrorRoutes::readOnly);
        router.errorHandler(404, context -> write(context, 404, "no such path: " + context.normalizedPath()));
        router.errorHandler(405, context -> write(context, 405, "method not allowed here"));
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
