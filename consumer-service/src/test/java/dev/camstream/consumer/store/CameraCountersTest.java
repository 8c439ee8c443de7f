package dev.camstream.consumer.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A camera's rate is the camera's: counted by capture time, whenever the frames are processed. */
class CameraCountersTest {

    private static final long START = 1_700_000_000_000L; // on a whole second
    private static final long FRAME_MILLIS = 40; // 25 fps

    @Test
    void aConsumerBehindItsCameraThatCatchesUpInBurstsShowsTheCamerasRate() {
        CameraCounters counters = new CameraCounters();
        long seq = 0;
        // Processed 80 to 280 ms after capture, five frames at a time: the clock at each burst is the capture time
        // of its last frame plus the lag.
        for (long burst = 0; burst < 8 * 5; burst++) {
            long lastCapture = 0;
            for (int i = 0; i < 5; i++) {
                lastCapture = START + (burst * 5 + i) * FRAME_MILLIS;
                counters.processed(++seq, Instant.ofEpochMilli(lastCapture));
            }
            long now = lastCapture + 80 + (burst % 3) * 100;
            if (now - START > 6_500) {
                assertThat(counters.fps(now)).as("at %d ms", now - START).isEqualTo(25.0);
            }
        }
    }

    @Test
    void theFirstPartialSecondIsLeftOutAndACameraThatStopsFallsToNone() {
        CameraCounters counters = new CameraCounters();
        long seq = 0;
        // Starts half-way through a second, then 25 a second for three seconds.
        for (long at = START + 500; at < START + 4_000; at += FRAME_MILLIS) {
            counters.processed(++seq, Instant.ofEpochMilli(at));
            if (at == START + 980) {
                assertThat(counters.fps(START + 1_020)).as("only the partial second so far").isZero();
            }
        }
        assertThat(counters.fps(START + 4_050)).isEqualTo(25.0);
        assertThat(counters.fps(START + 12_000)).as("stopped for eight seconds").isZero();
    }

    @Test
    void framesFromAnotherReplicaCountTowardsTheRateAndGapsAsDropped() {
        CameraCounters counters = new CameraCounters();
        counters.processed(1, Instant.ofEpochMilli(START));
        counters.observed(2, Instant.ofEpochMilli(START + 40));
        counters.skipped(5);
        assertThat(counters.dropped()).isEqualTo(2);
        assertThat(counters.frames()).isEqualTo(1);
        assertThat(counters.skippedFrames()).isEqualTo(1);
    }
}
