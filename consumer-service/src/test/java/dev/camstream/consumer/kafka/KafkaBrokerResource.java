package dev.camstream.consumer.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real Kafka broker (KRaft, in this JVM, on a free loopback port) for the test class that asks for it,
 * started once and deleted with its data at the end, whatever the tests' outcome. Beside the broker's address
 * it sets what {@value #SETTINGS} on the test class path says (the service's channel on the broker instead of
 * the in-memory connector, and the like).
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static final String SETTINGS = "real-broker.properties";

    private EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = new EmbeddedKafkaBroker().withDeleteLogDirsOnClose(true).start();
        Map<String, String> config = new HashMap<>(settings());
        config.put("kafka.bootstrap.servers", broker.getAdvertisedListeners());
        return config;
    }

    private static Map<String, String> settings() {
        Properties settings = new Properties();
        try (InputStream in = KafkaBrokerResource.class.getClassLoader().getResourceAsStream(SETTINGS)) {
            if (in == null) {
                throw new IllegalStateException(SETTINGS + " is missing from the test class path");
            }
            settings.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>();
        settings.stringPropertyNames().forEach(name -> config.put(name, settings.getProperty(name)));
        return config;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
