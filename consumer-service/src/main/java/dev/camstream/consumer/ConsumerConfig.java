package dev.camstream.consumer;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of consumer-service under {@code camstream.*}; each key's Javadoc feeds the README's table. */
@ConfigMapping(prefix = "camstream")
public interface ConsumerConfig {

    /** {@code latest}: skip frames older than {@code max-lag} to stay live; {@code every-frame}: process all (analytics). */
    @WithDefault("latest")
    Mode mode();

    /** In {@code latest} mode, frames captured longer ago than this are skipped (counted) without decoding. */
    @WithDefault("2s")
    Duration maxLag();

    /** Largest frame accepted, in pixels (width × height); bigger records are rejected before decoding. */
    @WithDefault("33177600")
    long maxPixels();

    /** Most cameras tracked at once; records of further camera ids are rejected, so memory stays bounded. */
    @WithDefault("256")
    int maxCameras();

    /** A camera with no processed frame for this long gives its slot up when a new camera needs one. */
    @WithDefault("2m")
    Duration cameraExpiry();

    enum Mode {
        LATEST,
        EVERY_FRAME
    }
}
