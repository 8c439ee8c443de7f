package dev.camstream.producer.status;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.camstream.producer.frame.VideoCodec;

/**
 * How a camera's frames travel now, as {@code GET /cameras} shows it: {@code used} is {@code jpeg} or
 * {@code passthrough}; {@code codec} the passed-through stream's; {@code fallback} why a camera that asked for
 * passthrough is sent as JPEG instead.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EncodingStatus(String used, String codec, String fallback) {

    public static final EncodingStatus JPEG = new EncodingStatus("jpeg", null, null);

    public static EncodingStatus passthrough(VideoCodec codec) {
        return new EncodingStatus("passthrough", codec.wireName(), null);
    }

    public static EncodingStatus jpegInsteadOfPassthrough(String reason) {
        return new EncodingStatus("jpeg", null, reason);
    }
}
