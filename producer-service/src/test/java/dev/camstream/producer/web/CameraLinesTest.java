package dev.camstream.producer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.camstream.producer.status.CameraSnapshot;
import dev.camstream.producer.status.CameraState;
import dev.camstream.producer.status.EncodingStatus;

class CameraLinesTest {

    @Test
    void oneAlignedLinePerCameraSayingWhatItIsDoing() {
        String lines = CameraLines.of(List.of(
                camera("door", CameraState.STREAMING, 25.04, 1280, 720, null),
                camera("lab", CameraState.FAILED, 0, 0, 0, "connection refused"),
                camera("gate-2", CameraState.RECONNECTING, 0, 640, 480, "stream ended"),
                camera("new", CameraState.CONNECTING, 0, 0, 0, null)));

        assertThat(lines.lines()).containsExactly(
                "door    streaming 1280x720 25.0 fps",
                "lab     failed: connection refused",
                "gate-2  reconnecting: stream ended",
                "new     connecting");
    }

    @Test
    void aCameraInPassthroughSaysSoAndOneThatCouldNotSaysWhy() {
        CameraSnapshot passing = camera("door", CameraState.STREAMING, 25, 1280, 720, null);
        CameraSnapshot drawn = camera("lab", CameraState.STREAMING, 25, 640, 480, null);
        String lines = CameraLines.of(List.of(
                withEncoding(passing, EncodingStatus.passthrough(dev.camstream.producer.frame.VideoCodec.H265)),
                withEncoding(drawn, EncodingStatus.jpegInsteadOfPassthrough("the built-in pattern is drawn here"))));

        assertThat(lines.lines()).containsExactly(
                "door  streaming 1280x720 25.0 fps, h265 passed through",
                "lab   streaming 640x480 25.0 fps, as JPEG: the built-in pattern is drawn here");
    }

    private static CameraSnapshot withEncoding(CameraSnapshot c, EncodingStatus encoding) {
        return new CameraSnapshot(c.id(), c.source(), c.url(), c.state(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, c.fps(),
                c.width(), c.height(), encoding, null, Instant.EPOCH, null);
    }

    @Test
    void rateAndSizeAreLeftOutUntilMeasured() {
        assertThat(CameraLines.of(List.of(camera("door", CameraState.STREAMING, 0, 0, 0, null)))).isEqualTo("door  streaming\n");
        assertThat(CameraLines.of(List.of(camera("door", CameraState.STREAMING, 0, 320, 240, null))))
                .isEqualTo("door  streaming 320x240\n");
    }

    private static CameraSnapshot camera(String id, CameraState state, double fps, int width, int height, String error) {
        return new CameraSnapshot(id, "rtsp", "rtsp://cam/" + id, state, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, fps, width, height,
                EncodingStatus.JPEG, null, Instant.EPOCH, error);
    }
}
