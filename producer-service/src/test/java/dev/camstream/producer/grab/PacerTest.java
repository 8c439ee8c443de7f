package dev.camstream.producer.grab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void waitsUntilEachFrameIsDue() {
        Pacer pacer = new Pacer();
        long start = 1_000_000_000L;
        assertThat(pacer.delayNanos(5_000_000, start)).isZero();
        // Frame 40 ms later in the file, asked for 10 ms later on the wall clock: wait 30 ms.
        assertThat(pacer.delayNanos(5_040_000, start + 10_000_000L)).isEqualTo(30_000_000L);
        // A late frame is not waited for.
        assertThat(pacer.delayNanos(5_080_000, start + 90_000_000L)).isZero();
    }

    @Test
    void restartsWhenTheFileLoopsOrFallsFarBehind() {
        Pacer pacer = new Pacer();
        pacer.delayNanos(9_000_000, 0);
        assertThat(pacer.delayNanos(0, 5_000_000L)).isZero();
        assertThat(pacer.delayNanos(40_000, 5_000_000L)).isEqualTo(40_000_000L);
        assertThat(pacer.delayNanos(80_000, 5_000_000_000L)).isZero();
        assertThat(pacer.delayNanos(120_000, 5_000_000_000L)).isEqualTo(40_000_000L);
    }
}
