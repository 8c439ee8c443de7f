package dev.camstream.producer.grab;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.nio.file.Path;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Writes small video files for tests, with FFmpeg's own encoders: a plain colour in a given codec and container. */
final class VideoFiles {

    private VideoFiles() {
    }

    /** {@code frames} frames of one BGR colour at 25 fps, a keyframe every {@code gop} frames. */
    static Path write(Path file, String format, int codec, int width, int height, int frames, int gop,
            Scalar bgr) throws Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
                Mat image = new Mat(height, width, CV_8UC3, bgr)) {
            recorder.setFormat(format);
            recorder.setVideoCodec(codec);
            recorder.setFrameRate(25);
            recorder.setGopSize(gop);
            recorder.setVideoBitrate(500_000);
            recorder.start();
            for (int i = 0; i < frames; i++) {
                recorder.record(converter.convert(image));
            }
            recorder.stop();
        }
        return file;
    }
}
