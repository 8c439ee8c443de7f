package dev.camstream.producer.grab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.camstream.producer.camera.Camera;
import dev.camstream.producer.camera.CameraOptions;
import dev.camstream.producer.camera.CameraSource;
import dev.camstream.producer.camera.Encoding;
import dev.camstream.producer.frame.CapturedFrame;
import dev.camstream.producer.frame.VideoCodec;
import dev.camstream.producer.status.EncodingStatus;

/** A camera in passthrough, on real H.264 from FFmpeg's encoder: what reaches the sink decodes, from the first unit on. */
class PassthroughFramesTest {

    private static final int GOP = 10;

    @TempDir
    static Path files;
    static Path h264Mp4;
    static Path mpeg4;
    static Path resizing;

    @BeforeAll
    static void writeFiles() throws Exception {
        // MP4 stores H.264 length-prefixed: the reader must turn it into Annex B.
        h264Mp4 = VideoFiles.write(files.resolve("green.mp4"), "mp4", AV_CODEC_ID_H264, 320, 240, 40, GOP,
                new Scalar(40, 200, 60, 0));
        mpeg4 = VideoFiles.write(files.resolve("mpeg4.mkv"), "matroska", AV_CODEC_ID_MPEG4, 160, 120, 10, GOP,
                new Scalar(0, 0, 0, 0));
        // A camera whose resolution changes: raw H.264 (Annex B) at 320x240, then at 160x120 with new parameter sets.
        Path large = VideoFiles.write(files.resolve("large.h264"), "h264", AV_CODEC_ID_H264, 320, 240, 10, GOP,
                new Scalar(200, 40, 40, 0));
        Path small = VideoFiles.write(files.resolve("small.h264"), "h264", AV_CODEC_ID_H264, 160, 120, 10, GOP,
                new Scalar(200, 40, 40, 0));
        resizing = files.resolve("resizing.h264");
        Files.write(resizing, Files.readAllBytes(large));
        Files.write(resizing, Files.readAllBytes(small), StandardOpenOption.APPEND);
    }

    @Test
    void sendsTheAccessUnitsOfAnH264FileInAnnexBStartingAtAKeyframeAndTheyDecode() throws Exception {
        CollectingSink sink = new CollectingSink(Integer.MAX_VALUE);
        RunningCamera camera = passThrough("file", h264Mp4.toString(), sink);
        List<CapturedFrame> frames = firstFrames(camera, sink, 35);
        assertThat(camera.status().encoding()).isEqualTo(EncodingStatus.passthrough(VideoCodec.H264));
        CapturedFrame first = frames.get(0);
        assertThat(first.video().keyframe()).isTrue();
        assertThat(first.video().parameterSets()[4] & 0x1f).as("an SPS first").isEqualTo(7);
        for (int i = 0; i < frames.size(); i++) {
            CapturedFrame frame = frames.get(i);
            assertThat(frame.isJpeg()).isFalse();
            assertThat(frame.video().codec()).isEqualTo(VideoCodec.H264);
            assertThat(frame.video().keyframe()).as("unit %d", i).isEqualTo(i % GOP == 0);
            assertThat(frame.video().parameterSets() != null).isEqualTo(frame.video().keyframe());
            assertThat(frame.width()).isEqualTo(320);
            assertThat(frame.height()).isEqualTo(240);
            assertThat(frame.data()).startsWith(0, 0, 0, 1);
            assertThat(frame.seq()).isEqualTo(first.seq() + i);
        }
        assertThat(decodedPictures(frames)).isEqualTo(frames.size());
    }

    @Test
    void aUnitTheSinkCannotTakeDropsTheRestOfItsGroupSoWhatIsSentStillDecodes() throws Exception {
        CollectingSink sink = new CollectingSink(13);
        RunningCamera camera = passThrough("busy", h264Mp4.toString(), sink);
        List<CapturedFrame> frames = firstFrames(camera, sink, 20);
        // Unit 13 was refused: 14..19 cannot decode without it and wait for the keyframe at unit 20.
        assertThat(frames.get(13).video().keyframe()).isTrue();
        assertThat(frames.get(13).seq() - frames.get(12).seq()).isEqualTo(2);
        assertThat(camera.status().snapshot().droppedBackpressure()).isEqualTo(1);
        assertThat(camera.status().snapshot().awaitingKeyframe()).isEqualTo(GOP - 14 % GOP);
        assertThat(decodedPictures(frames)).isEqualTo(frames.size());
    }

    @Test
    void aChangeOfResolutionComesWithNewParameterSetsAndSizes() throws Exception {
        CollectingSink sink = new CollectingSink(Integer.MAX_VALUE);
        RunningCamera camera = passThrough("resizing", resizing.toString(), sink);
        List<CapturedFrame> frames = firstFrames(camera, sink, 20);
        assertThat(frames.subList(0, 10)).allSatisfy(frame -> assertThat(frame.width()).isEqualTo(320));
        assertThat(frames.subList(10, 20)).allSatisfy(frame -> assertThat(frame.width()).isEqualTo(160));
        assertThat(frames.get(10).video().keyframe()).isTrue();
        assertThat(frames.get(10).video().parameterSets()).isNotEqualTo(frames.get(0).video().parameterSets());
    }

    @Test
    void theBuiltInPatternFallsBackToJpegAndSaysWhy() throws Exception {
        CollectingSink sink = new CollectingSink(Integer.MAX_VALUE);
        RunningCamera camera = passThrough("pattern", "testsrc?size=160x120&rate=50", sink);
        List<CapturedFrame> frames = firstFrames(camera, sink, 3);
        assertThat(frames.get(0).isJpeg()).isTrue();
        EncodingStatus encoding = camera.status().snapshot().encoding();
        assertThat(encoding.used()).isEqualTo("jpeg");
        assertThat(encoding.fallback()).contains("built-in pattern");
    }

    @Test
    void aCodecOtherThanH264OrH265FallsBackToJpegAndNamesIt() throws Exception {
        CollectingSink sink = new CollectingSink(Integer.MAX_VALUE);
        RunningCamera camera = passThrough("old", mpeg4.toString(), sink);
        List<CapturedFrame> frames = firstFrames(camera, sink, 3);
        assertThat(frames.get(0).isJpeg()).isTrue();
        assertThat(frames.get(0).width()).isEqualTo(160);
        assertThat(camera.status().snapshot().encoding().fallback()).isEqualTo("the source sends mpeg4; passthrough carries h264 and h265");
    }

    /** How many pictures FFmpeg's H.264 decoder makes of the units, concatenated as an Annex B stream. */
    private static int decodedPictures(List<CapturedFrame> frames) throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (CapturedFrame frame : frames) {
            if (frame.video().keyframe()) {
                stream.write(frame.video().parameterSets());
            }
            stream.write(frame.data());
        }
        int pictures = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(stream.toByteArray()))) {
            grabber.setFormat("h264");
            grabber.start();
            for (Frame picture; (picture = grabber.grabImage()) != null;) {
                assertThat(picture.imageWidth).isEqualTo(320);
                pictures++;
            }
        }
        return pictures;
    }

    /** Runs the camera until the sink holds {@code count} frames (20 s at most), stops it, and returns them. */
    private static List<CapturedFrame> firstFrames(RunningCamera camera, CollectingSink sink, int count)
            throws InterruptedException {
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.frames.size() >= count);
        } finally {
            camera.stop();
        }
        return sink.frames.subList(0, count);
    }

    private static RunningCamera passThrough(String id, String url, FrameSink sink) {
        return RunningCamera.start(camera(id, url, Encoding.PASSTHROUGH), sink, VideoInput::of);
    }

    private static Camera camera(String id, String url, Encoding encoding) {
        return new Camera(id, CameraSource.parse(url), new CameraOptions(encoding, 80, OptionalDouble.empty(),
                OptionalInt.empty(), "tcp", Duration.ofSeconds(1)));
    }

    /** Takes every frame, except that it has no demand for the one offer numbered {@code refused} (0-based). */
    private static final class CollectingSink implements FrameSink {
        final List<CapturedFrame> frames = new CopyOnWriteArrayList<>();
        private final AtomicInteger asked = new AtomicInteger();
        private final int refused;

        CollectingSink(int refused) {
            this.refused = refused;
        }

        @Override
        public boolean hasDemand() {
            return asked.getAndIncrement() != refused;
        }

        @Override
        public boolean offer(CapturedFrame frame) {
            return frames.add(frame);
        }
    }
}
