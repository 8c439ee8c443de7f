package dev.camstream.consumer.web;

/** The JSON body of every error answer: the HTTP status, a stable code, and a sentence for people. */
public record ApiError(int status, String error, String message) {
}
