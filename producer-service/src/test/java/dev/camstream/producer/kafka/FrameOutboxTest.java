package dev.camstream.producer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.camstream.producer.frame.CapturedFrame;
import dev.camstream.producer.frame.IgnoredReport;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

class FrameOutboxTest {

    @Test
    void refusesFramesBeyondTheChannelsDemand() {
        FrameOutbox outbox = new FrameOutbox();
        AssertSubscriber<CapturedFrame> slowBroker = outbox.frames().subscribe().withSubscriber(AssertSubscriber.create(2));

        int taken = 0;
        for (int seq = 1; seq <= 1000; seq++) {
            if (outbox.offer(frame(seq))) {
                taken++;
            }
        }

        assertThat(taken).isEqualTo(2);
        assertThat(outbox.hasDemand()).isFalse();
        assertThat(slowBroker.getItems()).extracting(CapturedFrame::seq).containsExactly(1L, 2L);

        slowBroker.request(1);
        assertThat(outbox.hasDemand()).isTrue();
        assertThat(outbox.offer(frame(1001))).isTrue();
        assertThat(slowBroker.getItems()).extracting(CapturedFrame::seq).containsExactly(1L, 2L, 1001L);
    }

    @Test
    void refusesFramesBeforeTheChannelSubscribes() {
        FrameOutbox outbox = new FrameOutbox();
        assertThat(outbox.hasDemand()).isFalse();
        assertThat(outbox.offer(frame(1))).isFalse();
    }

    private static CapturedFrame frame(long seq) {
        return CapturedFrame.jpeg("cam", seq, seq * 40_000, 2, 2, new byte[] { 1, 2, 3 }, IgnoredReport.INSTANCE);
    }
}
