package dev.camstream.consumer.web;

import java.time.Instant;

/** A time the topic holds no frame of the camera for: a 404 that says what it does hold. */
public class OutsideHistoryException extends RuntimeException {

    private final String camera;
    private final Instant oldest;
    private final Instant newest;

    public OutsideHistoryException(String message, String camera, Instant oldest, Instant newest) {
        super(message);
        this.camera = camera;
        this.oldest = oldest;
        this.newest = newest;
    }

    HistoryError body() {
        return new HistoryError(404, "outside-history", getMessage(), camera, oldest, newest);
    }

    /** {@link ApiError} with the camera's frames the topic holds: captured from {@code oldest} to {@code newest}. */
    public record HistoryError(int status, String error, String message, String camera, Instant oldest, Instant newest) {
    }
}
