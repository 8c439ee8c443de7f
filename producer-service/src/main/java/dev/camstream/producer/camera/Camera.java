package dev.camstream.producer.camera;

/** One configured camera: its id (the Kafka key), where its frames come from, and how they are taken. */
public record Camera(String id, CameraSource source, CameraOptions options) {

    @Override
    public String toString() {
        // The source's URL may hold a password: never let a record's default toString print it.
        return "Camera[" + id + ", " + source.redacted() + "]";
    }
}
