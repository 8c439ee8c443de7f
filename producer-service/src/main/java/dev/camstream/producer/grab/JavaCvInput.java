package dev.camstream.producer.grab;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.Frame;

/** An input whose pictures come as JavaCV frames that carry FFmpeg's own picture (raw mode, or a filter's). */
abstract class JavaCvInput implements VideoInput {

    private long timestampMicros;

    /** The next frame from JavaCV, or null at the end. */
    protected abstract Frame nextFrame() throws Exception;

    @Override
    public final AVFrame grab() throws Exception {
        Frame frame = nextFrame();
        if (frame == null || !(frame.opaque instanceof AVFrame picture)) {
            return null;
        }
        timestampMicros = frame.timestamp;
        return picture;
    }

    @Override
    public final long timestampMicros() {
        return timestampMicros;
    }
}
