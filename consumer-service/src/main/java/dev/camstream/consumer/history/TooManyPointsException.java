package dev.camstream.consumer.history;

/** A statistics range holds more points than one answer may: a 400, so that the client asks for less. */
public class TooManyPointsException extends RuntimeException {

    public TooManyPointsException(String message) {
        super(message);
    }
}
