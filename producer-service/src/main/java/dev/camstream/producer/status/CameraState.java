package dev.camstream.producer.status;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a camera is in its life. Both {@code reconnecting} and {@code failed} are retried with backoff until
 * the service stops; {@code lastError} says why.
 */
public enum CameraState {
    /** In the registry, not grabbed by any instance yet (just added, or moving to another instance). */
    WAITING,
    /** Being opened for the first time. */
    CONNECTING,
    /** Sending frames. */
    STREAMING,
    /** It streamed, then its stream was lost; being reopened. */
    RECONNECTING,
    /** The last attempt could not open or read it; being retried. */
    FAILED,
    /** Stopped with the service. */
    STOPPED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
