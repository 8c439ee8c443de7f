package dev.camstream.consumer.topic;

/** A topic cannot be read now (the broker is away): a 503 to a request, worth trying again. */
public class TopicUnavailableException extends RuntimeException {

    public TopicUnavailableException(String message) {
        super(message);
    }
}
