package dev.camstream.consumer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    /** What cameras are analysed for, unless their definition in the camera registry says otherwise. */
    Analysis analysis();

    interface Analysis {

        /**
         * Analyse cameras on this replica. Off for a live-view group when another group (an analytics group)
         * detects: its replicas still read and draw that group's detections.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * Detectors of a camera whose definition names none, e.g. {@code people}; unset: such cameras are not
         * analysed.
         */
        Optional<List<String>> detectors();

        /** Most detections a second per camera and detector. */
        @WithDefault("5")
        double fps();

        /** Objects scoring less than this are left out. */
        @WithDefault("0.5")
        double minScore();

        /** Labels kept, e.g. {@code person,car}; unset: every label. */
        Optional<List<String>> labels();

        /** A camera with no motion is still analysed this often, so that someone standing still is not lost. */
        @WithDefault("30s")
        Duration idleInterval();

        /** A pixel whose luma changed by more than this (0-255) since the previous frame counts as motion. */
        @WithDefault("25")
        int motionThreshold();

        /** Threads that run detectors, shared by all cameras; each camera waits for one with its latest frame only. */
        @WithDefault("1")
        int workers();

        /** The camera registry topic the producers keep, followed for each camera's {@code analysis} settings. */
        @WithDefault("cameras")
        String registryTopic();

        /** Follow the camera registry. Off only for tests of the channel logic without a broker. */
        @WithDefault("true")
        boolean followRegistry();
    }

    /**
     * Detectors that run a model file through OpenCV DNN, by name: {@code camstream.detectors.face.model=…}.
     */
    Map<String, ModelSettings> detectors();

    interface ModelSettings {

        /** The model file, {@code .onnx} or {@code .tflite}. */
        Path model();

        /** How its output reads: {@code blazeface} (MediaPipe's face detectors). */
        @WithDefault("blazeface")
        String decoder();

        /** The model's input, {@code WIDTHxHEIGHT}. */
        @WithDefault("128x128")
        String inputSize();

        /** The names of the model's classes, in its order; unset: the decoder's ({@code face}). */
        Optional<List<String>> labels();
    }

    /** Every analysed frame's detections on the bus (detection format v1). */
    Detections detections();

    interface Detections {

        /** Topic every replica publishes each analysed frame's detections to, keyed by camera id. */
        @WithDefault("frames.detections")
        String topic();

        /** Partitions of the detections topic when this consumer creates it. */
        @WithDefault("6")
        int partitions();

        /** Replication factor of the detections topic when this consumer creates it; unset: the broker's default. */
        Optional<Short> replicationFactor();

        /** How long the detections topic keeps every analysed frame's detections when this consumer creates it. */
        @WithDefault("24h")
        Duration retention();
    }

    enum Mode {
        LATEST,
        EVERY_FRAME
    }
}
