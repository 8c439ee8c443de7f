package dev.camstream.consumer.store;

import java.util.Locale;

/** What a camera's latest frame says about it, by its age. */
public enum CameraState {
    /** Known, no frame yet. */
    WAITING,
    /** Its latest frame is younger than {@code camstream.no-signal-after}. */
    LIVE,
    /** No new frame for longer than {@code camstream.no-signal-after}: the picture shown is stale. */
    NO_SIGNAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
