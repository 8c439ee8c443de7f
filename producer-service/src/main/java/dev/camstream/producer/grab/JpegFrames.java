package dev.camstream.producer.grab;

import java.util.function.LongSupplier;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.opencv.opencv_core.Mat;

import dev.camstream.producer.camera.Camera;
import dev.camstream.producer.frame.BgrConverter;
import dev.camstream.producer.frame.CapturedFrame;
import dev.camstream.producer.frame.JpegEncoder;
import dev.camstream.producer.status.CameraMetrics;
import dev.camstream.producer.status.CameraStatus;

/**
 * Wire format v1: each decoded picture, within {@code max-fps}, converted to BGR (at most {@code max-width})
 * and encoded as a JPEG, but only when the sink would take it, so no CPU is spent on frames to drop.
 */
final class JpegFrames implements FrameStream {

    private final Camera camera;
    private final VideoInput input;
    private final CameraStatus status;
    private final CameraMetrics metrics;
    private final FrameSink sink;
    private final LongSupplier nextSeq;
    private final BgrConverter converter;
    private final JpegEncoder encoder;
    private final FrameRateLimiter limiter;
    private AVFrame picture;

    JpegFrames(Camera camera, VideoInput input, CameraStatus status, CameraMetrics metrics, FrameSink sink,
            LongSupplier nextSeq) {
        this.camera = camera;
        this.input = input;
        this.status = status;
        this.metrics = metrics;
        this.sink = sink;
        this.nextSeq = nextSeq;
        this.converter = new BgrConverter(camera.options().maxWidth());
        this.encoder = new JpegEncoder(camera.options().jpegQuality());
        this.limiter = new FrameRateLimiter(camera.options().maxFps());
    }

    @Override
    public boolean advance() throws Exception {
        long start = System.nanoTime();
        picture = input.grab();
        metrics.grabbed(System.nanoTime() - start);
        return picture != null;
    }

    @Override
    public long timestampMicros() {
        return input.timestampMicros();
    }

    @Override
    public boolean rewind() throws Exception {
        return input.rewind();
    }

    @Override
    public void handOn(long captureMicros) {
        if (!limiter.accept(System.nanoTime())) {
            status.rateLimited();
            return;
        }
        long frameSeq = nextSeq.getAsLong();
        // Check demand before the JPEG is made: under backpressure the CPU is not spent on frames to drop.
        if (!sink.hasDemand()) {
            status.droppedByBackpressure();
            return;
        }
        long encodeStart = System.nanoTime();
        Mat bgr = converter.convert(picture);
        byte[] jpeg = encoder.encode(bgr);
        metrics.encoded(System.nanoTime() - encodeStart);
        status.picture(bgr.cols(), bgr.rows(), converter.colour());
        if (!sink.offer(CapturedFrame.jpeg(camera.id(), frameSeq, captureMicros, bgr.cols(), bgr.rows(), jpeg, status))) {
            status.droppedByBackpressure();
        }
    }

    @Override
    public void close() {
        encoder.close();
        converter.close();
    }
}
