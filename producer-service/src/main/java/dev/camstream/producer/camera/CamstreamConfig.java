package dev.camstream.producer.camera;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Settings of producer-service under {@code camstream.*}. The Javadoc of each key is what the README's
 * configuration table says about it.
 */
@ConfigMapping(prefix = "camstream")
public interface CamstreamConfig {

    /** Cameras by id: {@code camstream.cameras.<id>.url} and the per-camera options below. */
    Map<String, CameraConfig> cameras();

    /**
     * More cameras as one list {@code id=url,id=url}; filled from {@code CAMSTREAM_CAMERAS} so the runner and
     * containers need only one variable. A comma inside a URL must be written {@code %2C}.
     */
    @WithName("camera-list")
    Optional<String> cameraList();

    /** Options for every camera that does not set its own. */
    OptionsConfig defaults();

    /** How a camera that cannot be opened or stops sending is reopened. */
    ReconnectConfig reconnect();

    /** This instance's name in {@code GET /cameras} ({@code CAMSTREAM_INSTANCE_ID}); unset: host and process id. */
    Optional<String> instance();

    /** The camera registry, and the sharing of its cameras among producer instances. */
    RegistryConfig registry();

    interface RegistryConfig {
        /**
         * Keep cameras in the registry topic, manage them at runtime, and share them among the instances of
         * {@code group}. Off: grab the configured cameras alone (tests of the channel logic without a broker).
         */
        @WithDefault("true")
        boolean enabled();

        /** Compacted topic of camera definitions, keyed by camera id. */
        @WithDefault("cameras")
        String topic();

        /** Compacted topic where each instance says how its cameras are doing, keyed by camera id. */
        @WithDefault("cameras.status")
        String statusTopic();

        /** The consumer group of the producer instances that share the cameras. */
        @WithDefault("camstream-producers")
        String group();

        /** Partitions of the registry when this service creates it: at most this many instances share work. */
        @WithDefault("12")
        int partitions();

        /** Replication factor of the registry topics when this service creates them; unset: the broker's. */
        Optional<Short> replicationFactor();

        /** How often each instance publishes the state of the cameras it grabs. */
        @WithDefault("2s")
        Duration statusInterval();
    }

    interface CameraConfig {
        /** Source: {@code rtsp://…}, {@code rtsps://…}, {@code file:/path} or a path, or {@code testsrc[?size=WxH&rate=N]}. */
        String url();

        /** {@code jpeg} or {@code passthrough} for this camera (default: {@code camstream.defaults.encoding}). */
        Optional<Encoding> encoding();

        /** JPEG quality 1–100 for this camera (default: {@code camstream.defaults.jpeg-quality}). */
        OptionalInt jpegQuality();

        /** Frames per second at most for this camera (default: {@code camstream.defaults.max-fps}). */
        OptionalDouble maxFps();

        /** Widest frame sent for this camera, downscaled keeping aspect (default: {@code camstream.defaults.max-width}). */
        OptionalInt maxWidth();

        /** RTSP transport for this camera, {@code tcp} or {@code udp} (default: {@code camstream.defaults.rtsp-transport}). */
        Optional<String> rtspTransport();

        /** How long a connect or a grab may hang before the camera is reopened (default: {@code camstream.defaults.timeout}). */
        Optional<Duration> timeout();
    }

    interface OptionsConfig {
        /**
         * {@code jpeg}: decode and send JPEG (wire format v1). {@code passthrough}: send the camera's own H.264 or
         * H.265 as it came (wire format v2); a source without such a stream is sent as JPEG, and says so.
         */
        @WithDefault("jpeg")
        Encoding encoding();

        /** JPEG quality 1–100 of the frames sent. */
        @WithDefault("80")
        int jpegQuality();

        /** Frames per second at most per camera; unset keeps the camera's own rate. */
        OptionalDouble maxFps();

        /** Widest frame sent, downscaled keeping aspect; unset keeps the camera's own size. */
        OptionalInt maxWidth();

        /** RTSP transport, {@code tcp} (works through NAT and firewalls) or {@code udp}. */
        @WithDefault("tcp")
        String rtspTransport();

        /** How long a connect or a grab may hang before the camera is reopened. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface ReconnectConfig {
        /** First wait before reopening a camera; doubles on every failure in a row. */
        @WithDefault("500ms")
        Duration initialDelay();

        /** Longest wait between two attempts to reopen a camera. */
        @WithDefault("30s")
        Duration maxDelay();
    }
}
