package dev.camstream.consumer.web;

/** A {@code camera} parameter that cannot be a camera id. */
public class InvalidCameraIdException extends RuntimeException {

    public InvalidCameraIdException(String message) {
        super(message, null, false, false);
    }
}
