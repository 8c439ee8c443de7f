package dev.camstream.producer.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.camstream.producer.status.CameraSnapshot;

/**
 * Registry format v1 (docs/camera-registry.md), the one place of its constants: a record of the registry
 * topic is keyed by camera id, its value a {@link CameraDefinition} as JSON, a tombstone when the camera is
 * removed; header {@code config-hash} names the configured definition the record follows (see
 * {@link ConfigSeeding}). A record of the status topic is a camera's {@link CameraSnapshot} with the instance
 * that grabs it.
 */
@ApplicationScoped
public class RegistryFormat {

    public static final String FORMAT_VERSION_HEADER = "format-version";
    public static final String FORMAT_VERSION = "1";
    public static final String CONFIG_HASH_HEADER = "config-hash";

    /** A camera's state as its grabbing instance published it, and when. */
    public record CameraStatusRecord(String instance, Instant at, CameraSnapshot camera) {
    }

    private final ObjectMapper json;
    // Definitions from outside (the API, the topic) must not carry options this version does not know.
    private final ObjectReader strictDefinitions;

    public RegistryFormat(ObjectMapper json) {
        this.json = json;
        this.strictDefinitions = json.readerFor(CameraDefinition.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    public CameraDefinition readDefinition(byte[] value) throws IOException {
        CameraDefinition definition = strictDefinitions.readValue(value);
        if (definition == null) {
            throw new IOException("no definition");
        }
        return definition;
    }

    byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("does not serialise: " + value.getClass().getSimpleName(), e);
        }
    }

    CameraStatusRecord readStatus(byte[] value) throws IOException {
        return json.readValue(value, CameraStatusRecord.class);
    }

    static Headers headers(Optional<String> configHash) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(FORMAT_VERSION_HEADER, FORMAT_VERSION.getBytes(StandardCharsets.UTF_8));
        configHash.ifPresent(hash -> headers.add(CONFIG_HASH_HEADER, hash.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    static Optional<String> configHash(Headers headers) {
        Header header = headers.lastHeader(CONFIG_HASH_HEADER);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
