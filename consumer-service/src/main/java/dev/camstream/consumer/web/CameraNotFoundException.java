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

    /** The camera's latest frame was given up to stay within the frame memory; its next frame brings one back. */
    public static CameraNotFoundException frameGivenUp(String cameraId) {
        return new CameraNotFoundException("camera '" + cameraId
                + "' has no frame kept now (camstream.frame-memory is full); its next frame will be");
    }
}
