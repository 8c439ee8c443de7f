package dev.camstream.consumer.topic;

/** The log cannot be read now (the broker is away): a 503, worth trying again. */
public class HistoryUnavailableException extends RuntimeException {

    public HistoryUnavailableException(String message) {
        super(message);
    }
}
