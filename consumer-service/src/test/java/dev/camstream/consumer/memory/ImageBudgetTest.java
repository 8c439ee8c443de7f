package dev.camstream.consumer.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.camstream.consumer.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ImageBudgetTest {

    private static final long MB = 1024 * 1024;

    private final ImageBudget budget = new ImageBudget(new TestSettings(10 * MB, MB), new SimpleMeterRegistry());

    @Test
    void anImageThatWouldGoOverWaitsUntilAnotherIsClosed() throws Exception {
        ImageBudget.Reservation first = budget.reserve(6 * MB);
        assertThat(budget.heldBytes()).isEqualTo(6 * MB);
        assertThat(budget.tryReserve(6 * MB, Duration.ofMillis(50))).as("over the budget").isEmpty();

        CompletableFuture<ImageBudget.Reservation> second = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.reserve(6 * MB);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(second).isNotDone();
        first.close();
        second.get(5, TimeUnit.SECONDS).close();
        assertThat(budget.heldBytes()).isZero();
    }

    @Test
    void anImageBiggerThanTheWholeBudgetGoesAlone() throws Exception {
        try (ImageBudget.Reservation huge = budget.reserve(100 * MB)) {
            assertThat(budget.heldBytes()).isEqualTo(10 * MB);
            assertThat(budget.tryReserve(1, Duration.ofMillis(50))).isEmpty();
        }
        assertThat(budget.tryReserve(1, Duration.ofMillis(50))).isPresent();
    }

    @Test
    void closingTwiceGivesTheBytesBackOnce() throws Exception {
        ImageBudget.Reservation reservation = budget.reserve(4 * MB);
        reservation.close();
        reservation.close();
        assertThat(budget.heldBytes()).isZero();
        assertThat(budget.tryReserve(10 * MB, Duration.ZERO)).isPresent();
    }
}
