package dev.camstream.producer.grab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;

import dev.camstream.producer.camera.CameraSource;
import dev.camstream.producer.frame.BgrConverter;
import dev.camstream.producer.frame.JpegEncoder;

class TestPatternInputTest {

    @Test
    void drawsMovingFramesOfTheAskedSizeStampedAtTheAskedRate() throws Exception {
        List<byte[]> jpegs = new ArrayList<>();
        List<Long> timestamps = new ArrayList<>();
        try (TestPatternInput input = new TestPatternInput(CameraSource.parse("testsrc?size=320x240&rate=10"))) {
            input.start();
            for (int i = 0; i < 12; i++) {
                AVFrame picture = input.grab();
                assertThat(picture.width()).isEqualTo(320);
                assertThat(picture.height()).isEqualTo(240);
                timestamps.add(input.timestampMicros());
                jpegs.add(encode(picture));
            }
        }
        for (int i = 1; i < timestamps.size(); i++) {
            assertThat(timestamps.get(i) - timestamps.get(i - 1)).isEqualTo(100_000L);
        }
        // testsrc2 moves every frame; no two consecutive pictures are the same.
        for (int i = 1; i < jpegs.size(); i++) {
            assertThat(Arrays.equals(jpegs.get(i), jpegs.get(i - 1))).as("frame %d differs from the one before", i).isFalse();
        }
    }

    @Test
    void noiseGivesFramesTheEntropyOfACamera() throws Exception {
        // Measured: 24 kB a frame without noise, 35 kB with noise=12 (as the benchmark streams it).
        assertThat(averageJpegSize("testsrc?size=640x480&noise=12")).isGreaterThan(1.3 * averageJpegSize("testsrc?size=640x480"));
    }

    private static double averageJpegSize(String url) throws Exception {
        long total = 0;
        try (TestPatternInput input = new TestPatternInput(CameraSource.parse(url))) {
            input.start();
            for (int i = 0; i < 10; i++) {
                total += encode(input.grab()).length;
            }
        }
        return total / 10.0;
    }

    private static byte[] encode(AVFrame picture) {
        try (BgrConverter converter = new BgrConverter(OptionalInt.empty()); JpegEncoder encoder = new JpegEncoder(80)) {
            return encoder.encode(converter.convert(picture));
        }
    }
}
