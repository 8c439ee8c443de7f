package dev.camstream.producer.registry;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.camstream.producer.camera.Camera;
import dev.camstream.producer.camera.CameraCatalog;
import dev.camstream.producer.camera.CameraOptions;
import dev.camstream.producer.camera.CamstreamConfig.OptionsConfig;
import dev.camstream.producer.camera.Encoding;
import dev.camstream.producer.camera.InvalidCameraConfigException;
import dev.camstream.producer.camera.UrlRedactor;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * A camera as the registry holds it (registry format v1, docs/camera-registry.md) and as {@code PUT
 * /cameras/{id}} takes it: the URL, which may hold {@code ${NAME}} placeholders, and options; an option left
 * out takes the grabbing instance's default. Its {@code analysis}, checked here, is for the consumers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CameraDefinition(String url, String encoding, Integer jpegQuality, Double maxFps, Integer maxWidth,
        String rtspTransport, String timeout, AnalysisDefinition analysis) {

    /** The definition of a configured camera, every option spelt out. */
    public static CameraDefinition of(Camera camera) {
        CameraOptions options = camera.options();
        return new CameraDefinition(camera.source().url(), options.encoding().label(), options.jpegQuality(),
                options.maxFps().isPresent() ? options.maxFps().getAsDouble() : null,
                options.maxWidth().isPresent() ? options.maxWidth().getAsInt() : null, options.rtspTransport(),
                options.timeout().toString(), null);
    }

    /**
     * The camera this defines, its placeholders resolved here and its options completed with
     * {@code defaults}; throws {@link InvalidCameraConfigException} naming every problem, never a password.
     */
    public Camera toCamera(String id, OptionsConfig defaults, Placeholders placeholders) {
        String resolved;
        try {
            resolved = placeholders.resolve(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidCameraConfigException(List.of("camera '" + id + "': " + e.getMessage()));
        }
        Duration wait;
        try {
            wait = timeout == null ? defaults.timeout() : DurationConverter.parseDuration(timeout);
        } catch (IllegalArgumentException e) {
            throw new InvalidCameraConfigException(List.of("camera '" + id + "': timeout is not a duration such as 10s"));
        }
        CameraOptions options = new CameraOptions(encoding(id, defaults),
                jpegQuality == null ? defaults.jpegQuality() : jpegQuality,
                maxFps == null ? defaults.maxFps() : OptionalDouble.of(maxFps),
                maxWidth == null ? defaults.maxWidth() : OptionalInt.of(maxWidth),
                rtspTransport == null ? defaults.rtspTransport() : rtspTransport, wait);
        Camera camera = CameraCatalog.validate(id, resolved, options);
        if (analysis != null) {
            List<String> problems = analysis.problems(id, camera.options().maxFps());
            if (!problems.isEmpty()) {
                throw new InvalidCameraConfigException(problems);
            }
        }
        return camera;
    }

    /** The same definition with another URL: one with its placeholders kept, or one masked for showing. */
    public CameraDefinition withUrl(String otherUrl) {
        return new CameraDefinition(otherUrl, encoding, jpegQuality, maxFps, maxWidth, rtspTransport, timeout, analysis);
    }

    private Encoding encoding(String id, OptionsConfig defaults) {
        if (encoding == null) {
            return defaults.encoding();
        }
        for (Encoding known : Encoding.values()) {
            if (known.label().equalsIgnoreCase(encoding.strip())) {
                return known;
            }
        }
        throw new InvalidCameraConfigException(List.of("camera '" + id + "': encoding must be jpeg or passthrough"));
    }

    @Override
    public String toString() {
        return "CameraDefinition[" + UrlRedactor.redact(url) + "]";
    }
}
