package dev.camstream.consumer.bus;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.camstream.consumer.ConsumerSettings;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The tests of the channel logic run on the in-memory connector under the {@code test} profile: they must not
 * follow (nor publish to) a statistics topic of whatever broker listens on localhost:9092.
 */
@QuarkusTest
class StatisticsBusOffInTestsTest {

    @Inject
    ConsumerSettings settings;

    @Test
    void theInMemoryProfileNeitherFollowsNorPublishesStatistics() {
        assertThat(settings.statistics().follow()).isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("statistics-follower");
    }
}
