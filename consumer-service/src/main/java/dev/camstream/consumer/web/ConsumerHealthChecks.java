package dev.camstream.consumer.web;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.camstream.consumer.bus.StatisticsFollower;
import dev.camstream.consumer.frame.Rejections;
import dev.camstream.consumer.kafka.PartitionAssignment;
import dev.camstream.consumer.store.CameraStore;
import dev.camstream.consumer.topic.Replica;
import io.smallrye.common.annotation.Identifier;

/**
 * Readiness: when reading from Kafka, DOWN until the consumer group has assigned this replica its partitions
 * (a restarted replica is blind until then, however healthy it is) and it has read its group's statistics
 * (until then it would not know the cameras other replicas process). Whether the consumer is connected to Kafka
 * is the Kafka connector's own check, beside this one. The data is for people and dashboards: partitions
 * held, cameras of the group, those with no signal, open live streams and records rejected per reason.
 */
@Readiness
@ApplicationScoped
public class ConsumerHealthChecks implements HealthCheck {

    private static final String KAFKA_CONNECTOR = "smallrye-kafka";

    private final CameraStore store;
    private final Rejections rejections;
    private final StreamClients clients;
    private final PartitionAssignment assignment;
    private final StatisticsFollower follower;
    private final Replica replica;
    private final boolean fromKafka;

    public ConsumerHealthChecks(CameraStore store, Rejections rejections, StreamClients clients,
            @Identifier(PartitionAssignment.NAME) PartitionAssignment assignment, StatisticsFollower follower, Replica replica,
            @ConfigProperty(name = "mp.messaging.incoming.frames.connector") String connector) {
        this.follower = follower;
        this.replica = replica;
        this.store = store;
        this.rejections = rejections;
        this.clients = clients;
        this.assignment = assignment;
        this.fromKafka = KAFKA_CONNECTOR.equals(connector);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("frames")
                .status((!fromKafka || assignment.joined()) && follower.caughtUp())
                .withData("group", replica.group())
                .withData("replica", replica.identity().replica())
                .withData("partitions", assignment.partitions())
                .withData("group-statistics", follower.caughtUp() ? "caught up" : "catching up")
                .withData("cameras", store.count())
                .withData("no-signal", String.join(",", store.withNoSignal()))
                .withData("mjpeg-clients", clients.mjpeg())
                .withData("sse-clients", clients.sse());
        rejections.byReason().forEach((reason, count) -> response.withData("rejected-" + reason, count));
        return response.build();
    }
}
