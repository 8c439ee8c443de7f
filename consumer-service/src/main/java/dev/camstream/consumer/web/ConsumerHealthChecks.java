package dev.camstream.consumer.web;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.camstream.consumer.frame.Rejections;
import dev.camstream.consumer.store.CameraFeeds;

/**
 * Readiness data for people and dashboards: cameras seen, open live streams and records rejected per reason. Whether the
 * consumer is connected to Kafka and subscribed is the Kafka connector's own readiness check, beside this one.
 */
@Readiness
@ApplicationScoped
public class ConsumerHealthChecks implements HealthCheck {

    private final CameraFeeds feeds;
    private final Rejections rejections;
    private final StreamClients clients;

    public ConsumerHealthChecks(CameraFeeds feeds, Rejections rejections, StreamClients clients) {
        this.feeds = feeds;
        this.rejections = rejections;
        this.clients = clients;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("frames").up()
                .withData("cameras", feeds.count())
                .withData("mjpeg-clients", clients.mjpeg())
                .withData("sse-clients", clients.sse());
        rejections.byReason().forEach((reason, count) -> response.withData("rejected-" + reason, count));
        return response.build();
    }
}
