package dev.camstream.consumer.web;

/**
 * A camera of the group whose latest frame cannot be read now (processed by another replica, and the frames
 * topic does not answer or no longer holds it) and that has no earlier picture here: try again.
 */
public class FrameUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FrameUnavailableException(String cameraId) {
        super("camera '" + cameraId + "' is known, but its latest frame cannot be read from Kafka now; try again",
                null, false, false);
    }
}
