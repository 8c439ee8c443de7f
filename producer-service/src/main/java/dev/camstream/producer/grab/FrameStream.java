package dev.camstream.producer.grab;

/**
 * What a camera's loop pulls frames from and hands them to: its pictures made into JPEGs, or its own coded
 * stream passed through. The loop itself (capture times, pacing, silence, reconnecting) is the same for both.
 */
interface FrameStream extends AutoCloseable {

    /** Moves to the next frame; false when the stream ended (a camera that went away and the end of a file look alike). */
    boolean advance() throws Exception;

    /** The current frame's time in the stream, in microseconds; negative if the stream gave none. */
    long timestampMicros();

    /** Starts the source over from its beginning; false if it cannot (a live camera, the pattern). */
    boolean rewind() throws Exception;

    /** Hands the current frame on, captured at {@code captureMicros} (epoch), or counts why it was not. */
    void handOn(long captureMicros) throws Exception;
}
