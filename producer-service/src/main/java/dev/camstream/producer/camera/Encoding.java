package dev.camstream.producer.camera;

import java.util.Locale;

/** How a camera's frames travel on the bus (docs/frame-format.md). */
public enum Encoding {
    /** Wire format v1: every frame decoded, converted and encoded as a JPEG here. */
    JPEG,
    /**
     * Wire format v2: the camera's own H.264 or H.265 access units, as sent, with no decode and no encode
     * here. A source without such a stream (the built-in pattern, another codec) is sent as JPEG instead.
     */
    PASSTHROUGH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
