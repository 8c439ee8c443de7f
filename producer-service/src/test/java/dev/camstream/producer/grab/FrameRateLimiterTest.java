package dev.camstream.producer.grab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class FrameRateLimiterTest {

    private static final long FRAME_25_FPS = 40_000_000L;

    @Test
    void keepsTenOfTwentyFiveFramesPerSecond() {
        FrameRateLimiter limiter = new FrameRateLimiter(OptionalDouble.of(10));
        int kept = 0;
        for (int frame = 0; frame < 250; frame++) {
            if (limiter.accept(frame * FRAME_25_FPS)) {
                kept++;
            }
        }
        assertThat(kept).isBetween(99, 101);
    }

    @Test
    void keepsEveryFrameWithoutLimitOrBelowIt() {
        FrameRateLimiter unlimited = new FrameRateLimiter(OptionalDouble.empty());
        FrameRateLimiter above = new FrameRateLimiter(OptionalDouble.of(30));
        for (int frame = 0; frame < 100; frame++) {
            assertThat(unlimited.accept(frame * FRAME_25_FPS)).isTrue();
            assertThat(above.accept(frame * FRAME_25_FPS)).isTrue();
        }
    }

    @Test
    void doesNotBurstAfterAStall() {
        FrameRateLimiter limiter = new FrameRateLimiter(OptionalDouble.of(5));
        assertThat(limiter.accept(0)).isTrue();
        long afterStall = 10_000_000_000L;
        assertThat(limiter.accept(afterStall)).isTrue();
        assertThat(limiter.accept(afterStall + FRAME_25_FPS)).isFalse();
    }
}
