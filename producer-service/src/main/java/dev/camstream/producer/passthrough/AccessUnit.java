package dev.camstream.producer.passthrough;

/**
 * One access unit of a camera's stream (the coded pictures of one instant) in Annex B: what wire format v2
 * carries as one record's value. {@code parameterSets} are those in force from this keyframe on (null for a
 * delta unit); {@code width} and {@code height} come from them.
 */
public record AccessUnit(byte[] data, boolean keyframe, byte[] parameterSets, int width, int height,
        long timestampMicros) {
}
