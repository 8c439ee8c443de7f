package dev.camstream.producer.camera;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;

import org.bytedeco.ffmpeg.global.avdevice;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/** Creates an FFmpeg grabber set up for a camera's kind of source; the caller starts and closes it. */
final class GrabberFactory {

    private GrabberFactory() {
    }

    static FFmpegFrameGrabber create(Camera camera) {
        CameraSource source = camera.source();
        if (source.format() != null) {
            requireDevices();
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.target());
        if (source.format() != null) {
            grabber.setFormat(source.format());
        }
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
        grabber.setPixelFormat(AV_PIX_FMT_BGR24);
        return grabber;
    }

    /** lavfi lives in FFmpeg's libavdevice, which links against PulseAudio's client library. */
    private static void requireDevices() {
        try {
            Loader.load(avdevice.class);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("testsrc needs FFmpeg's libavdevice, which could not be loaded ("
                    + e.getMessage() + "); on Debian/Ubuntu install libpulse0");
        }
    }
}
