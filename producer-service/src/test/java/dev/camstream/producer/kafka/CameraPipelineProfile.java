package dev.camstream.producer.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Four cameras on the in-memory channel: a test pattern of known size, a downscaled and rate-limited one,
 * a short video file that must loop, and an RTSP camera with a password on a port where nothing listens.
 */
public class CameraPipelineProfile implements QuarkusTestProfile {

    static final String SECRET = "s3cr3t-Pa55";
    static final Path LOG_FILE = Path.of("target", "camera-pipeline-test.log");
    static final int CLIP_FRAMES = 10;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("camstream.camera-list", "pattern=testsrc?size=320x240&rate=25,"
                        + "clip=file:" + writeClip().toAbsolutePath()),
                Map.entry("camstream.cameras.small.url", "testsrc?size=640x480&rate=25"),
                Map.entry("camstream.cameras.small.max-width", "160"),
                Map.entry("camstream.cameras.small.max-fps", "5"),
                Map.entry("camstream.cameras.down.url", "rtsp://admin:" + SECRET + "@127.0.0.1:" + closedPort() + "/live"),
                Map.entry("camstream.cameras.down.timeout", "1s"),
                Map.entry("quarkus.log.file.enabled", "true"),
                Map.entry("quarkus.log.file.path", LOG_FILE.toString()),
                Map.entry("quarkus.log.category.\"dev.camstream\".level", "DEBUG"),
                // DEBUG goes to the file the test reads, not to the build output.
                Map.entry("quarkus.log.console.level", "INFO"));
    }

    /** A port that was free a moment ago: nothing listens there, so connecting is refused. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 1-second, 10-frame MPEG-4 clip made from FFmpeg's test pattern. */
    private static Path writeClip() {
        try {
            Path clip = Files.createTempFile("camstream-clip", ".mp4");
            clip.toFile().deleteOnExit();
            // Drawn by libavfilter, as the producer's own pattern is: the lavfi input needs libavdevice.
            try (FFmpegFrameFilter pattern = new FFmpegFrameFilter(
                    "[in]nullsink;testsrc2=size=160x120:rate=10,format=bgr24[out]", 16, 16)) {
                pattern.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
                pattern.start();
                try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(clip.toFile(), 160, 120, 0)) {
                    recorder.setFormat("mp4");
                    recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
                    recorder.setFrameRate(10);
                    recorder.start();
                    for (int i = 0; i < CLIP_FRAMES; i++) {
                        Frame frame = pattern.pullImage();
                        recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
                    }
                }
            }
            return clip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
