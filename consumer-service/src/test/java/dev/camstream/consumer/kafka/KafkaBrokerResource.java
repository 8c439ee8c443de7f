package dev.camstream.consumer.kafka;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real Kafka broker (KRaft, in this JVM, on a free loopback port) for the test class that asks for it,
 * started once and deleted with its data at the end, whatever the tests' outcome.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = new EmbeddedKafkaBroker().withDeleteLogDirsOnClose(true).start();
        return Map.of(
                "kafka.bootstrap.servers", broker.getAdvertisedListeners(),
                "mp.messaging.incoming.frames.connector", "smallrye-kafka",
                "camstream.statistics.follow", "true");
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
