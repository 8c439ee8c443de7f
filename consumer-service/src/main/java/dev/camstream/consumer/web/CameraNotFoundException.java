package dev.camstream.consumer.web;

/** No such camera, or no frame processed from it yet. */
public class CameraNotFoundException extends RuntimeException {

    public CameraNotFoundException(String message) {
        super(message, null, false, false);
    }

    /** The camera is known, but none of its frames has been processed yet. */
    public static CameraNotFoundException noFrameYet(String cameraId) {
        return new CameraNotFoundException("no frame from camera '" + cameraId + "' yet");
    }
}
