package dev.camstream.consumer;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of consumer-service under {@code camstream.*}; each key's Javadoc feeds the README's table. */
@ConfigMapping(prefix = "camstream")
public interface ConsumerSettings {

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

    /**
     * Decoded images that may exist at once, over all cameras: the frame being processed, the frames being
     * annotated for viewers and the clips being exported. Whoever would go over waits; an image bigger than this is decoded alone.
     */
    @WithDefault("256M")
    MemorySize imageMemory();

    /**
     * The latest JPEG of every camera (as received, and annotated once asked for), kept on the heap for the
     * frame endpoints: over this, the cameras updated longest ago give theirs up until their next frame.
     * Unset: a quarter of the JVM's maximum heap.
     */
    Optional<MemorySize> frameMemory();

    /** {@link #frameMemory()}, or its default, in bytes. */
    default long frameMemoryBytes() {
        return frameMemory().map(MemorySize::asLongValue).orElse(Runtime.getRuntime().maxMemory() / 4);
    }

    /** This replica's name in its group's statistics; unset: its group instance id, else host and process id. */
    Optional<String> replica();

    /** A camera whose latest frame is older than this shows as {@code no-signal}, and its picture says so. */
    @WithDefault("10s")
    Duration noSignalAfter();

    /** Looking back: frames and statistics of any moment the topics still hold. */
    History history();

    interface History {

        /** Lookups by time ({@code /frames/at}) that read the frames topic at once; more wait their turn. */
        @WithDefault("4")
        int lookups();

        /** Longest range {@code /frames/range} plays. */
        @WithDefault("10m")
        Duration longestPlayback();

        /** Playbacks at once on this replica, each reading the topic with a consumer of its own; more get a 429. */
        @WithDefault("8")
        int playbacks();

        /** Longest clip {@code /clips} exports. */
        @WithDefault("5m")
        Duration longestClip();

        /** Clip exports at once on this replica (each encodes H.264 on a core); more get a 429. */
        @WithDefault("2")
        int exports();

        /** Longest range {@code /stats/range} answers for. */
        @WithDefault("24h")
        Duration longestStatistics();
    }

    /** The group's statistics on the bus (statistics v1). */
    Statistics statistics();

    interface Statistics {

        /** Topic every replica publishes each processed frame's statistics to, keyed by camera id. */
        @WithDefault("frames.stats")
        String topic();

        /**
         * Follow the group's statistics topic and fetch frames processed by other replicas, so that every
         * replica answers for every camera of its group. Off only for tests of the channel logic without a broker.
         */
        @WithDefault("true")
        boolean follow();

        /** Partitions of the statistics topic when this consumer creates it. */
        @WithDefault("6")
        int partitions();

        /** Replication factor of the statistics topic when this consumer creates it; unset: the broker's default. */
        Optional<Short> replicationFactor();

        /**
         * How long the statistics topic keeps every frame's statistics when this consumer creates it, for
         * {@code /stats/range}; older ones are compacted to each camera's latest.
         */
        @WithDefault("1h")
        Duration history();

        /** How long the statistics topic keeps a camera's latest statistics after its last frame. */
        @WithDefault("24h")
        Duration retention();
    }

    enum Mode {
        LATEST,
        EVERY_FRAME
    }
}
