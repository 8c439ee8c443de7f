package dev.camstream.producer.grab;

import java.time.Duration;

/** Exponential backoff between attempts to reopen a camera: initial, doubling, capped, reset by a good frame. */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max.compareTo(initial) < 0 ? initial : max;
        this.next = initial;
    }

    /** The wait before the next attempt; each call doubles the one after, up to the maximum. */
    public Duration next() {
        Duration current = next;
        Duration doubled = current.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    /** Called after a good frame: the next failure waits the initial delay again. */
    public void reset() {
        next = initial;
    }
}
