package dev.camstream.consumer.web;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.camstream.consumer.frame.Rejections;
import dev.camstream.consumer.kafka.PartitionAssignment;
import dev.camstream.consumer.store.CameraFeeds;
import io.smallrye.common.annotation.Identifier;

/**
 * Readiness: when reading from Kafka, DOWN until the consumer group has assigned this replica its partitions
 * (a restarted replica is blind until then, however healthy it is). Whether the consumer is connected to Kafka
 * is the Kafka connector's own check, beside this one. The data is for people and dashboards: partitions
 * held, cameras seen, open live streams and records rejected per reason.
 */
@Readiness
@ApplicationScoped
public class ConsumerHealthChecks implements HealthCheck {

    private static final String KAFKA_CONNECTOR = "smallrye-kafka";

    private final CameraFeeds feeds;
    private final Rejections rejections;
    private final StreamClients clients;
    private final PartitionAssignment assignment;
    private final boolean fromKafka;

    public ConsumerHealthChecks(CameraFeeds feeds, Rejections rejections, StreamClients clients,
            @Identifier(PartitionAssignment.NAME) PartitionAssignment assignment,
            @ConfigProperty(name = "mp.messaging.incoming.frames.connector") String connector) {
        this.feeds = feeds;
        this.rejections = rejections;
        this.clients = clients;
        this.assignment = assignment;
        this.fromKafka = KAFKA_CONNECTOR.equals(connector);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("frames")
                .status(!fromKafka || assignment.joined())
                .withData("partitions", assignment.partitions())
                .withData("cameras", feeds.count())
                .withData("mjpeg-clients", clients.mjpeg())
                .withData("sse-clients", clients.sse());
        rejections.byReason().forEach((reason, count) -> response.withData("rejected-" + reason, count));
        return response.build();
    }
}
