package dev.camstream.consumer.detect;

import java.util.List;

/** An object of a detection record: what, how sure (0..1), where in the frame, and in which of its camera's zones. */
public record DetectedObject(String label, double score, Box box, List<String> zones) {

    public DetectedObject {
        zones = List.copyOf(zones);
    }
}
