package dev.camstream.consumer.frame;

import java.util.Locale;

/** Why a record (of frames or of statistics) was not used: a fixed set, so counting per reason stays bounded whatever the input. */
public enum RejectReason {
    /** No key, or a key that is not a camera id of wire format v1. */
    INVALID_KEY,
    /** The {@code camera-id} header is missing or differs from the key. */
    CAMERA_ID_MISMATCH,
    /** {@code format-version} is missing or not one this consumer reads. */
    UNKNOWN_FORMAT_VERSION,
    /** A required header is missing or not a number. */
    BAD_HEADER,
    /** A v1 record whose value is empty or does not start like a JPEG. */
    NOT_JPEG,
    /** The stated or actual size exceeds the configured pixel limit. */
    TOO_LARGE,
    /** The JPEG's own size differs from the {@code width}/{@code height} headers. */
    SIZE_MISMATCH,
    /** The JPEG, or the access unit, does not decode (truncated, corrupt). */
    UNDECODABLE,
    /** A v2 record whose codec is not one this consumer reads, or whose value is not an Annex B access unit. */
    NOT_VIDEO,
    /** An access unit with no keyframe of its camera before it to decode it from (within the read-back bound). */
    MISSING_KEYFRAME,
    /** A new camera id beyond {@code camstream.max-cameras}. */
    TOO_MANY_CAMERAS,
    /** A record of the statistics topic that is not statistics v1 (not JSON, fields missing or out of range). */
    INVALID_STATISTICS,
    /** A record of the detections topic that is not detection format v1. */
    INVALID_DETECTIONS,
    /** The frame a camera's statistics name is no longer in the frames topic (retention), or never was. */
    FRAME_GONE,
    /** The record at the offset a camera's statistics name is another camera's, or another frame. */
    FRAME_MISMATCH;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
