package dev.camstream.producer.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import dev.camstream.producer.grab.CameraManager;
import dev.camstream.producer.status.CameraSnapshot;

/**
 * Liveness: every camera thread still runs (a dead one is a bug a restart cures; a camera that is down is
 * not). Readiness: each camera's state in the data, for people and dashboards. A camera that is down does
 * not make the service unready: restarting or unrouting the producer would not bring the camera back, and
 * the Kafka connector's own readiness check already covers the broker.
 */
@ApplicationScoped
public class CameraHealthChecks {

    @Produces
    @Liveness
    HealthCheck cameraThreads(CameraManager cameras) {
        return () -> HealthCheckResponse.named("camera-threads").status(cameras.workersAlive()).build();
    }

    @Produces
    @Readiness
    HealthCheck cameraStates(CameraManager cameras) {
        return () -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("cameras").up();
            for (CameraSnapshot camera : cameras.snapshots()) {
                response.withData(camera.id(), camera.state().label());
            }
            return response.build();
        };
    }
}
