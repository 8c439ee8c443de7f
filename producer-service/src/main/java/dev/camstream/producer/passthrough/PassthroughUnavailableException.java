package dev.camstream.producer.passthrough;

/** A camera asked for passthrough but its source has no H.264 or H.265 stream to pass: the message says why. */
public class PassthroughUnavailableException extends Exception {

    public PassthroughUnavailableException(String reason) {
        super(reason);
    }
}
