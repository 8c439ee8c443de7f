package dev.camstream.producer.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateMeterTest {

    @Test
    void cameraThatJustStartedIsMeasuredOverTheWholeSecondsItRan() {
        RateMeter meter = new RateMeter(5);
        // Starts half-way through second 1, then 25 a second.
        markEvenly(meter, 1_500, 2_000, 13);
        assertThat(meter.perSecond(1_999)).isZero();
        markEvenly(meter, 2_000, 3_000, 25);
        assertThat(meter.perSecond(3_100)).isEqualTo(25.0);
        markEvenly(meter, 3_000, 4_000, 25);
        assertThat(meter.perSecond(4_100)).isEqualTo(25.0);
    }

    @Test
    void measuresOverTheWindowOnceItIsFullAndForgetsWhatIsOlder() {
        RateMeter meter = new RateMeter(5);
        for (int second = 0; second < 10; second++) {
            markEvenly(meter, second * 1_000L, (second + 1) * 1_000L, second < 5 ? 50 : 10);
        }
        assertThat(meter.perSecond(10_000)).isEqualTo(10.0);
        assertThat(meter.perSecond(20_000)).isZero();
    }

    @Test
    void anEventOlderThanTheWindowIsNotCountedOverANewerSecond() {
        RateMeter meter = new RateMeter(5);
        for (int second = 0; second < 10; second++) {
            markEvenly(meter, second * 1_000L, (second + 1) * 1_000L, 10);
        }
        // Late news of second 3, whose slot second 9 now holds.
        markEvenly(meter, 3_000, 4_000, 100);
        assertThat(meter.perSecond(10_000)).isEqualTo(10.0);
    }

    private static void markEvenly(RateMeter meter, long fromMillis, long toMillis, int events) {
        for (int i = 0; i < events; i++) {
            meter.mark(fromMillis + (toMillis - fromMillis) * i / events);
        }
    }
}
