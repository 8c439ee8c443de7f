package dev.camstream.producer.grab;

import java.io.IOException;

import org.bytedeco.ffmpeg.avutil.AVFrame;

import dev.camstream.producer.camera.Camera;
import dev.camstream.producer.camera.CameraSource;
import dev.camstream.producer.passthrough.AccessUnitReader;
import dev.camstream.producer.passthrough.PassthroughUnavailableException;

/**
 * Where a camera's decoded pictures come from: FFmpeg's demuxer and decoder for RTSP and files, or the
 * built-in pattern. Pictures stay in the source's own pixel format and colour description; turning them into
 * the pixels that are encoded is the converter's work. Used by the camera's thread only.
 */
interface VideoInput extends AutoCloseable {

    /** The input for this camera's kind of source, not yet started. */
    static VideoInput of(Camera camera) {
        return camera.source().kind() == CameraSource.Kind.TESTSRC ? new TestPatternInput(camera.source())
                : new FFmpegInput(camera);
    }

    /** Opens the source; throws with the reason if it cannot be opened. */
    void start() throws Exception;

    /**
     * The next picture, owned by the input and valid until the next call or {@link #close()}; null when the
     * stream ended (a camera that went away and the end of a file look alike).
     */
    AVFrame grab() throws Exception;

    /**
     * The source's own coded stream, read access unit by access unit instead of {@link #grab()}ed pictures,
     * for passthrough; after {@link #start()}. Throws with the reason if the source has no stream to pass.
     */
    AccessUnitReader accessUnits() throws PassthroughUnavailableException, IOException;

    /** Presentation time of the last picture, in microseconds from the start of the stream. */
    long timestampMicros();

    /** Starts the source over from its beginning; false if it cannot (a live camera, the pattern). */
    boolean rewind() throws Exception;

    @Override
    void close() throws Exception;
}
