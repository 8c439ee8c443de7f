package dev.camstream.consumer.history;

/** Every slot for this kind of costly request is taken on this replica: a 429, worth trying again later. */
public class TooBusyException extends RuntimeException {

    public TooBusyException(String message) {
        super(message);
    }
}
