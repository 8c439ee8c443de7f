package dev.camstream.producer.web;

/** No camera of that id in the registry (or grabbed here). */
public class CameraNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CameraNotFoundException(String id) {
        super("no camera '" + id.replaceAll("[^ -~]", "?") + "'", null, false, false);
    }
}
