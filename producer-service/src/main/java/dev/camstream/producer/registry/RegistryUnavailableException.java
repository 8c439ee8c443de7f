package dev.camstream.producer.registry;

/** The registry could not take a change now (broker away), or is turned off on this instance. */
public class RegistryUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(Throwable cause) {
        super(cause == null ? "the camera registry is turned off on this instance (camstream.registry.enabled)"
                : "the camera registry cannot take changes now (is Kafka reachable?); try again", cause, false, false);
    }
}
