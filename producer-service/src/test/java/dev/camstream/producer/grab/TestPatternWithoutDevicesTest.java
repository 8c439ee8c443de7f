package dev.camstream.producer.grab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The built-in pattern must stream on a machine without libavdevice (which needs PulseAudio's libpulse0, absent
 * from fresh machines and containers). Whether libpulse0 is installed here or not, the pattern is streamed in
 * a JVM of its own that logs every class it loads: neither FFmpeg's device library nor the grabber, which
 * loads it, may be among them.
 */
class TestPatternWithoutDevicesTest {

    @Test
    void builtInPatternNeverLoadsFfmpegsDeviceLibrary() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(java.toString(), "-Xlog:class+load=info", "-cp",
                System.getProperty("java.class.path"), TestPatternProbe.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("probe encoded " + TestPatternProbe.FRAMES + " frames");
        assertThat(output).as("classes the pattern loaded").contains("org.bytedeco.ffmpeg.global.avfilter ")
                .doesNotContain("org.bytedeco.ffmpeg.global.avdevice ")
                .doesNotContain("org.bytedeco.javacv.FFmpegFrameGrabber ");
    }
}
