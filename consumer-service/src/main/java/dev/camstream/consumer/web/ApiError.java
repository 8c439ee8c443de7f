package dev.camstream.consumer.web;

/** The JSON body of every error answer: the HTTP status, a stable code, and a sentence for people. */
public record ApiError(int status, String error, String message) {

    /** The stable code of an HTTP status that is not one of the service's own errors. */
    public static String codeOf(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-busy";
            case 431 -> "headers-too-large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal-error" : "http-" + status;
        };
    }
}
