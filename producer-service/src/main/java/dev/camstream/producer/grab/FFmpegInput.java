package dev.camstream.producer.grab;

import java.io.IOException;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber.ImageMode;

import dev.camstream.producer.camera.Camera;
import dev.camstream.producer.camera.CameraSource;
import dev.camstream.producer.passthrough.AccessUnitReader;
import dev.camstream.producer.passthrough.PassthroughUnavailableException;

/**
 * RTSP cameras and video files through JavaCV's FFmpeg grabber, in raw image mode: the decoder's own picture
 * is handed on untouched, so the conversion to BGR can honour the colour matrix and range it carries
 * (JavaCV's own conversion always assumes BT.601).
 */
final class FFmpegInput extends JavaCvInput {

    private final FFmpegFrameGrabber grabber;
    private final boolean rewindable;

    FFmpegInput(Camera camera) {
        CameraSource source = camera.source();
        grabber = new FFmpegFrameGrabber(source.target());
        rewindable = source.kind() == CameraSource.Kind.FILE;
        if (source.kind() == CameraSource.Kind.RTSP) {
            long timeoutMicros = camera.options().timeout().toNanos() / 1_000;
            grabber.setOption("rtsp_transport", camera.options().rtspTransport());
            // Socket I/O timeout in microseconds: without it a camera that stalls hangs grab() forever.
            grabber.setOption("timeout", Long.toString(timeoutMicros));
            // A camera is live: probe little and buffer nothing, so start() is quick and the first frames are fresh.
            grabber.setOption("analyzeduration", "0");
            grabber.setOption("probesize", "32768");
            grabber.setOption("fflags", "nobuffer");
        }
        // One decoder thread per camera: frame threading adds a frame of latency per thread, and cameras
        // already run in parallel with each other.
        grabber.setVideoOption("threads", "1");
        grabber.setImageMode(ImageMode.RAW);
    }

    @Override
    public void start() throws Exception {
        grabber.start();
    }

    @Override
    protected Frame nextFrame() throws Exception {
        return grabber.grabImage();
    }

    @Override
    public AccessUnitReader accessUnits() throws PassthroughUnavailableException, IOException {
        return AccessUnitReader.open(grabber);
    }

    @Override
    public boolean rewind() throws Exception {
        if (!rewindable) {
            return false;
        }
        grabber.setTimestamp(0L);
        return true;
    }

    @Override
    public void close() throws Exception {
        grabber.close();
    }
}
