package dev.camstream.consumer.history;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.camstream.consumer.ConsumerSettings;

/**
 * The requests that hold a reader of the frames topic for their whole length, and a core too for clips: a
 * fixed number at once on this replica ({@code camstream.history.playbacks}, {@code .exports}); one more gets
 * a 429 at once rather than waiting behind the others.
 */
@ApplicationScoped
public class CostlyRequests {

    private final Semaphore playbacks;
    private final Semaphore exports;
    private final int maxPlaybacks;
    private final int maxExports;

    public CostlyRequests(ConsumerSettings config) {
        this.maxPlaybacks = config.history().playbacks();
        this.maxExports = config.history().exports();
        this.playbacks = new Semaphore(maxPlaybacks);
        this.exports = new Semaphore(maxExports);
    }

    /** A playback's slot, to close when it ends; a {@link TooBusyException} if none is free. */
    public Slot playback() {
        return take(playbacks, "all " + maxPlaybacks + " playbacks of this replica are in use");
    }

    /** A clip export's slot, to close when it ends; a {@link TooBusyException} if none is free. */
    public Slot export() {
        return take(exports, "all " + maxExports + " clip exports of this replica are in use");
    }

    private static Slot take(Semaphore slots, String busy) {
        if (!slots.tryAcquire()) {
            throw new TooBusyException(busy + "; try again when one ends");
        }
        return new Slot(slots);
    }

    /** A taken slot; closing it more than once gives it back once. */
    public static final class Slot implements AutoCloseable {
        private final Semaphore slots;
        private boolean open = true;

        private Slot(Semaphore slots) {
            this.slots = slots;
        }

        /** What this slot is taken for, opened; if opening fails, the slot is given back. */
        public <T> T open(Supplier<T> opening) {
            try {
                return opening.get();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public synchronized void close() {
            if (open) {
                open = false;
                slots.release();
            }
        }
    }
}
