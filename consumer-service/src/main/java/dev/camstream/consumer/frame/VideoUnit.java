package dev.camstream.consumer.frame;

import java.io.ByteArrayOutputStream;

/**
 * What makes a record of wire format v2 an access unit of a camera's stream: its codec, whether a decoder
 * can start at it, and for a keyframe the parameter sets (Annex B) a decoder needs to start there, if sent.
 */
public record VideoUnit(VideoCodec codec, boolean keyframe, byte[] parameterSets) {

    /**
     * The parameter sets a decoder needs to start at this keyframe: those of the header, or else those the
     * unit carries in-band before its slices (Annex B, each after a 4-byte start code); empty if neither.
     */
    public byte[] parameterSetsOf(byte[] data) {
        if (parameterSets != null && parameterSets.length > 0) {
            return parameterSets;
        }
        ByteArrayOutputStream found = new ByteArrayOutputStream();
        int nal = nalAfter(data, 0);
        while (nal >= 0) {
            int next = nalAfter(data, nal);
            if (codec.isParameterSet(data[nal] & 0xff)) {
                int end = next < 0 ? data.length : next - 3;
                while (end > nal && data[end - 1] == 0) {
                    end--; // the zero of a 4-byte start code, and trailing zeros, belong to no NAL unit
                }
                found.writeBytes(new byte[] { 0, 0, 0, 1 });
                found.write(data, nal, end - nal);
            }
            nal = next;
        }
        return found.toByteArray();
    }

    /** Where the NAL unit after the next start code at or after {@code from} begins; -1 if there is none. */
    private static int nalAfter(byte[] data, int from) {
        for (int i = from; i + 3 < data.length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                return i + 3;
            }
        }
        return -1;
    }

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
