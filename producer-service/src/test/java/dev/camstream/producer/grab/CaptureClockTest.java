package dev.camstream.producer.grab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptureClockTest {

    private static final long EPOCH = 1_790_000_000_000_000L;
    private static final long FRAME = 40_000; // 25 fps

    @Test
    void framesArrivingOnTimeAreStampedWhenTheyArrived() {
        CaptureClock clock = new CaptureClock();
        for (int i = 0; i < 100; i++) {
            long arrival = EPOCH + i * FRAME + (i % 3) * 1_000; // up to 2 ms of jitter
            assertThat(clock.captureMicros(i * FRAME, arrival)).isBetween(arrival - 2_000, arrival);
        }
    }

    @Test
    void framesBufferedDuringAStallKeepTheTimeTheyWereCaptured() {
        CaptureClock clock = new CaptureClock();
        for (int i = 0; i < 25; i++) {
            clock.captureMicros(i * FRAME, EPOCH + i * FRAME);
        }
        // The camera froze for 10 s; its next frame, captured just before, arrives afterwards.
        long arrival = EPOCH + 25 * FRAME + 10_000_000;
        long captured = EPOCH + 25 * FRAME;
        // At most 1 ms per second of the stall later than the truth: 10 ms, not the 10 s of a new frame.
        assertThat(clock.captureMicros(25 * FRAME, arrival)).isBetween(captured, captured + 10_100);
    }

    @Test
    void followsACameraClockThatRunsSlowerThanOurs() {
        CaptureClock clock = new CaptureClock();
        long last = 0;
        // The camera's clock loses 100 µs a second (100 ppm) over an hour.
        for (long second = 0; second <= 3_600; second++) {
            long wall = EPOCH + second * 1_000_000;
            long pts = second * 999_900;
            last = clock.captureMicros(pts, wall);
        }
        assertThat(EPOCH + 3_600_000_000L - last).as("lag behind the wall clock after an hour").isLessThan(1_000);
    }

    @Test
    void aClockThatJumpsBackStartsOver() {
        CaptureClock clock = new CaptureClock();
        clock.captureMicros(50_000_000, EPOCH);
        assertThat(clock.captureMicros(0, EPOCH + 5_000_000)).isEqualTo(EPOCH + 5_000_000);
    }

    @Test
    void noTimestampMeansArrivalTime() {
        assertThat(new CaptureClock().captureMicros(-1, EPOCH)).isEqualTo(EPOCH);
    }
}
