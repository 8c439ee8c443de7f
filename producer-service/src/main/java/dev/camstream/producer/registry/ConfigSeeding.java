package dev.camstream.producer.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import dev.camstream.producer.camera.Camera;

/**
 * How the configuration and the API meet (docs/camera-registry.md). At start-up each configured camera is
 * written to the registry unless the registry's latest record for it, a definition or a removal, follows
 * the very same configured definition: that record's {@code config-hash} header is the hash of the
 * configured definition it was written under, and the API copies it on every change. So a change through
 * the API wins until the configuration of that camera itself changes; then the configuration wins again.
 */
final class ConfigSeeding {

    private static final Logger LOG = Logger.getLogger(ConfigSeeding.class);

    private final RegistryView view;
    private final CameraRegistry registry;
    private final RegistryFormat format;

    ConfigSeeding(RegistryView view, CameraRegistry registry, RegistryFormat format) {
        this.view = view;
        this.registry = registry;
        this.format = format;
    }

    void seed(List<Camera> configured) {
        for (Camera camera : configured) {
            CameraDefinition definition = withPlaceholders(CameraDefinition.of(camera), camera.id());
            String hash = hash(format.write(definition));
            Optional<String> followed = view.entry(camera.id()).flatMap(RegistryView.Entry::configHash);
            if (followed.filter(hash::equals).isPresent()) {
                continue; // the registry already follows this configuration, changes through the API included
            }
            registry.write(camera.id(), Optional.of(definition), Optional.of(hash));
            LOG.infof("%s: written to the camera registry from the configuration", camera.id());
        }
    }

    /**
     * The definition with its URL as written in the configuration, before the configuration filled in its
     * {@code ${NAME}} placeholders: so a password kept in a Secret stays out of Kafka, and each instance fills
     * it in from its own environment. Used only if it gives back exactly the URL the configuration gave.
     */
    private static CameraDefinition withPlaceholders(CameraDefinition definition, String cameraId) {
        Config config = ConfigProvider.getConfig();
        Optional<String> raw = Optional.ofNullable(config.getConfigValue("camstream.cameras." + cameraId + ".url").getRawValue())
                .or(() -> rawListEntry(cameraId));
        return raw.filter(url -> !url.equals(definition.url()))
                .filter(url -> resolves(url).filter(definition.url()::equals).isPresent())
                .map(definition::withUrl)
                .orElse(definition);
    }

    private static Optional<String> rawListEntry(String cameraId) {
        String list = Optional.ofNullable(System.getenv("CAMSTREAM_CAMERAS"))
                .orElse(ConfigProvider.getConfig().getConfigValue("camstream.camera-list").getRawValue());
        if (list == null) {
            return Optional.empty();
        }
        for (String entry : list.split(",")) {
            int equals = entry.indexOf('=');
            if (equals > 0 && entry.substring(0, equals).strip().equals(cameraId)) {
                return Optional.of(entry.substring(equals + 1).strip());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> resolves(String url) {
        try {
            return Optional.of(Placeholders.ofThisInstance().resolve(url));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String hash(byte[] definition) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(definition);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
