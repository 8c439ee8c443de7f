package dev.camstream.producer.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.camstream.producer.camera.CamstreamConfig;
import dev.camstream.producer.camera.UrlRedactor;
import dev.camstream.producer.grab.CameraManager;
import dev.camstream.producer.registry.CameraDefinition;
import dev.camstream.producer.registry.CameraOwnership;
import dev.camstream.producer.registry.CameraRegistry;
import dev.camstream.producer.registry.Instance;
import dev.camstream.producer.registry.RegistryFormat.CameraStatusRecord;
import dev.camstream.producer.registry.RegistryView;
import dev.camstream.producer.status.CameraSnapshot;

/**
 * Every camera as this instance can tell it: those it grabs, live; those another instance grabs, as that
 * instance last published them (if recently: older states are a camera on the move, shown as waiting);
 * those of the registry nobody grabs yet, waiting.
 */
@ApplicationScoped
public class CameraDirectory {

    private final CameraManager cameras;
    private final CameraRegistry registry;
    private final RegistryView view;
    private final CameraOwnership ownership;
    private final Instance instance;
    private final Duration fresh;

    public CameraDirectory(CameraManager cameras, CameraRegistry registry, RegistryView view, CameraOwnership ownership,
            Instance instance, CamstreamConfig config) {
        this.cameras = cameras;
        this.registry = registry;
        this.view = view;
        this.ownership = ownership;
        this.instance = instance;
        // A state a few rounds old: its instance stopped publishing it.
        this.fresh = config.registry().statusInterval().multipliedBy(3).plusSeconds(1);
    }

    public List<CameraView> all() {
        List<CameraView> all = new ArrayList<>();
        cameras.snapshots().forEach(camera -> all.add(new CameraView(camera, instance.name())));
        if (registry.enabled()) {
            Map<String, String> refused = ownership.refused();
            registry.cameras().forEach((id, definition) -> {
                if (cameras.status(id).isEmpty()) {
                    all.add(elsewhere(id, definition, refused.get(id)));
                }
            });
        }
        all.sort(Comparator.comparing(view -> view.camera().id()));
        return all;
    }

    public Optional<CameraView> find(String cameraId) {
        return all().stream().filter(camera -> camera.camera().id().equals(cameraId)).findFirst();
    }

    private CameraView elsewhere(String id, CameraDefinition definition, String refusedHere) {
        if (refusedHere != null) {
            return new CameraView(CameraSnapshot.waiting(id, UrlRedactor.redact(definition.url())).failed(refusedHere),
                    instance.name());
        }
        Optional<CameraStatusRecord> status = view.status(id).filter(s -> s.at().isAfter(Instant.now().minus(fresh)));
        return status.map(s -> new CameraView(s.camera(), s.instance()))
                .orElseGet(() -> new CameraView(CameraSnapshot.waiting(id, UrlRedactor.redact(definition.url())), null));
    }
}
