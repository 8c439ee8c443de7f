package dev.camstream.producer.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** A change without the credential: the challenge stays, and the body is JSON like every other error. */
@ApplicationScoped
public class UnauthorizedRoutes {

    void install(@Observes Router router) {
        router.route().order(JsonErrorRoutes.FIRST).failureHandler(UnauthorizedRoutes::unauthorized);
    }

    private static void unauthorized(RoutingContext context) {
        Throwable failure = context.failure();
        boolean authentication = failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException;
        if (!authentication && context.statusCode() != 401) {
            context.next();
            return;
        }
        context.response().putHeader("WWW-Authenticate", "basic");
        JsonErrorRoutes.write(context, 401, JsonChallengeAuthentication.NEEDS_CREDENTIAL);
    }
}
