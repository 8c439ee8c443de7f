package dev.camstream.consumer.web;

/** No such camera, or no frame processed from it yet. */
public class CameraNotFoundException extends RuntimeException {

    public CameraNotFoundException(String message) {
        super(message, null, false, false);
    }
}
