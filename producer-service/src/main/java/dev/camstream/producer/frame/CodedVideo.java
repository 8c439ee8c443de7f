package dev.camstream.producer.frame;

/**
 * What makes a frame of wire format v2 an access unit of the camera's own stream: its codec, whether a
 * decoder can start at it, and for a keyframe the parameter sets a decoder needs to start there (Annex B).
 */
public record CodedVideo(VideoCodec codec, boolean keyframe, byte[] parameterSets) {

    public static CodedVideo keyframe(VideoCodec codec, byte[] parameterSets) {
        return new CodedVideo(codec, true, parameterSets);
    }

    public static CodedVideo delta(VideoCodec codec) {
        return new CodedVideo(codec, false, null);
    }
}
