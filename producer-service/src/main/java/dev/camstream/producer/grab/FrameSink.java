package dev.camstream.producer.grab;

import dev.camstream.producer.frame.CapturedFrame;

/** Where a camera hands its frames; never blocks, so a slow broker cannot slow a grabber down. */
public interface FrameSink {

    /** Whether a frame offered now would be taken; checked before encoding, so no JPEG is made to be dropped. */
    boolean hasDemand();

    /** Hands the frame on if there is demand; false means it was not taken and counts as dropped. */
    boolean offer(CapturedFrame frame);
}
