package dev.camstream.producer.grab;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;

import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.Frame;

import dev.camstream.producer.camera.CameraSource;
import dev.camstream.producer.passthrough.AccessUnitReader;
import dev.camstream.producer.passthrough.PassthroughUnavailableException;

/**
 * The built-in pattern, drawn by FFmpeg's libavfilter: a moving test card, with temporal noise when asked so
 * that frames carry a real camera's entropy. It deliberately avoids the {@code lavfi} input format: that lives
 * in libavdevice, which links against PulseAudio and is missing on many machines. A filter graph needs a
 * video input, so a dummy one is declared and discarded ({@code nullsink}); frames are only ever pulled.
 */
final class TestPatternInput extends JavaCvInput {

    // The declared input is never fed: its size only has to be valid.
    private static final int DUMMY_INPUT_SIZE = 16;

    private final FFmpegFrameFilter filter;

    TestPatternInput(CameraSource source) {
        // The graph ends in BGR. With noise, libavfilter adds it in YUV 4:2:0, as a camera's sensor noise
        // reaches its encoder, and converts back with the same BT.601 matrix it drew the pattern with.
        filter = new FFmpegFrameFilter("[in]nullsink;" + source.target() + ",format=bgr24[out]",
                DUMMY_INPUT_SIZE, DUMMY_INPUT_SIZE);
        filter.setPixelFormat(AV_PIX_FMT_BGR24);
    }

    @Override
    public void start() throws Exception {
        filter.start();
    }

    @Override
    protected Frame nextFrame() throws Exception {
        return filter.pullImage();
    }

    @Override
    public AccessUnitReader accessUnits() throws PassthroughUnavailableException {
        throw new PassthroughUnavailableException("the built-in pattern is drawn here: it has no camera stream to pass");
    }

    @Override
    public boolean rewind() {
        return false;
    }

    @Override
    public void close() throws Exception {
        filter.close();
    }
}
