package dev.camstream.consumer.frame;

/**
 * What makes a record of wire format v2 an access unit of a camera's stream: its codec, whether a decoder
 * can start at it, and for a keyframe the parameter sets (Annex B) a decoder needs to start there, if sent.
 */
public record VideoUnit(VideoCodec codec, boolean keyframe, byte[] parameterSets) {

    /** What a decoder is fed for this unit: the parameter sets first for a keyframe, then the unit itself. */
    public byte[] decoderInput(byte[] data) {
        if (parameterSets == null || parameterSets.length == 0) {
            return data;
        }
        byte[] input = new byte[parameterSets.length + data.length];
        System.arraycopy(parameterSets, 0, input, 0, parameterSets.length);
        System.arraycopy(data, 0, input, parameterSets.length, data.length);
        return input;
    }
}
