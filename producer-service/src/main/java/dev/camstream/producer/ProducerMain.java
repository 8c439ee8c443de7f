package dev.camstream.producer;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts producer-service. Quarkus's own HTTP handler checks every request URI before any route and answers one it
 * cannot parse (malformed percent-encoding) with an empty 400, unless {@code vertx.disableURIValidation} is set
 * before it loads; this service makes that check itself, first among its routes, and answers in JSON
 * ({@code web.JsonErrorRoutes}). Tests set the property in the build (pom.xml).
 */
@QuarkusMain
public class ProducerMain {

    public static void main(String... args) {
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }
}
