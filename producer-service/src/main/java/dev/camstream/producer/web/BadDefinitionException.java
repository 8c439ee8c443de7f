package dev.camstream.producer.web;

/** A camera definition sent to the API that cannot be used; the message says why, without a password. */
public class BadDefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadDefinitionException(String message) {
        super(message, null, false, false);
    }
}
