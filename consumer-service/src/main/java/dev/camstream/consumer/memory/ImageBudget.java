package dev.camstream.consumer.memory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.camstream.consumer.ConsumerSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The decoded images that may exist at once, over all cameras: the frame being processed and the frames
 * being annotated for viewers each hold their pixels' bytes of {@code camstream.image-memory} while they
 * exist, and whoever would go over waits for the others to finish. A single image bigger than the whole
 * budget is let through alone. So a flood of 8K frames from many cameras, or many viewers at once, costs at
 * most the budget in pixels, whatever the number of cameras.
 */
@ApplicationScoped
public class ImageBudget {

    private static final int KIB = 1024;
    /** How long a request (a viewer, a playback, an export) waits for image memory before it gives up this time. */
    public static final Duration REQUEST_WAIT = Duration.ofSeconds(5);

    private final int totalKib;
    // Fair, so that a large image is not overtaken forever by small ones.
    private final Semaphore available;

    public ImageBudget(ConsumerSettings config, MeterRegistry registry) {
        this.totalKib = (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.imageMemory().asLongValue() / KIB));
        this.available = new Semaphore(totalKib, true);
        Gauge.builder("camstream.consumer.image.memory", this, budget -> budget.heldBytes())
                .description("Decoded images that exist now, over all cameras").baseUnit("bytes").register(registry);
    }

    /** Room for images of {@code bytes} in all; waits until the budget allows it. */
    public Reservation reserve(long bytes) throws InterruptedException {
        int kib = kib(bytes);
        available.acquire(kib);
        return new Reservation(kib);
    }

    /** Like {@link #reserve}, but gives up after {@code wait}: empty if the budget did not allow it by then. */
    public Optional<Reservation> tryReserve(long bytes, Duration wait) throws InterruptedException {
        int kib = kib(bytes);
        if (!available.tryAcquire(kib, wait.toNanos(), TimeUnit.NANOSECONDS)) {
            return Optional.empty();
        }
        return Optional.of(new Reservation(kib));
    }

    private int kib(long bytes) {
        return (int) Math.min(totalKib, Math.max(1, (bytes + KIB - 1) / KIB));
    }

    /** Bytes of the budget held by images now. */
    public long heldBytes() {
        return (long) (totalKib - available.availablePermits()) * KIB;
    }

    /** Holds part of the budget until closed; closing twice gives it back once. */
    public final class Reservation implements AutoCloseable {

        private int kib;

        private Reservation(int kib) {
            this.kib = kib;
        }

        @Override
        public void close() {
            available.release(kib);
            kib = 0;
        }
    }
}
