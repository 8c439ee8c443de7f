package dev.camstream.producer.camera;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a camera is in its life: opening, sending frames, waiting to reopen, or stopped with the service. */
public enum CameraState {
    CONNECTING,
    STREAMING,
    RECONNECTING,
    STOPPED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
