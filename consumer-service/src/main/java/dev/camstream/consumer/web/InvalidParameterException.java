package dev.camstream.consumer.web;

/** A query parameter the request cannot be answered with: a 400, with {@code code} as its error. */
public class InvalidParameterException extends RuntimeException {

    private final String code;

    public InvalidParameterException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
