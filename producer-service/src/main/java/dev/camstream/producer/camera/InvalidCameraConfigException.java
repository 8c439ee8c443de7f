package dev.camstream.producer.camera;

import java.util.List;

/** The camera configuration cannot be used; the message names every bad camera and never a password. */
public class InvalidCameraConfigException extends RuntimeException {

    private final List<String> problems;

    public InvalidCameraConfigException(List<String> problems) {
        super("Invalid camera configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem in a sentence, without a password. */
    public List<String> problems() {
        return problems;
    }
}
