package dev.camstream.consumer.topic;

import java.time.Instant;

import dev.camstream.consumer.frame.FrameRecord;

/** A frame read back from the frames topic, with where it lies there. */
public record LoggedFrame(FrameRecord frame, int partition, long offset) {

    public Instant capturedAt() {
        return frame.capturedAt();
    }
}
