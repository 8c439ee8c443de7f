package dev.camstream.producer.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.camstream.producer.frame.VideoCodec;

class ParameterSetsTest {

    @Test
    void takesTheH264ParameterSetsBeforeTheSlicesWithFourByteStartCodes() {
        byte[] unit = bytes(0, 0, 0, 1, 0x09, 0xf0, // access unit delimiter
                0, 0, 1, 0x67, 0x42, 0xc0, 0x1f, // SPS, after a 3-byte start code
                0, 0, 0, 1, 0x68, 0xce, 0x3c, 0x80, // PPS
                0, 0, 0, 1, 0x65, 0x88, 0x84, 0, 0, 1, 0x67); // IDR slice, whose bytes look like a start code later

        assertThat(ParameterSets.in(VideoCodec.H264, unit))
                .containsExactly(bytes(0, 0, 0, 1, 0x67, 0x42, 0xc0, 0x1f, 0, 0, 0, 1, 0x68, 0xce, 0x3c, 0x80));
    }

    @Test
    void takesTheH265VideoSequenceAndPictureParameterSets() {
        byte[] unit = bytes(0, 0, 0, 1, 0x40, 0x01, 0x0c, // VPS (type 32)
                0, 0, 0, 1, 0x42, 0x01, 0x01, // SPS (33)
                0, 0, 0, 1, 0x44, 0x01, 0xc1, // PPS (34)
                0, 0, 0, 1, 0x26, 0x01, 0xaf); // IDR_W_RADL slice (19)

        assertThat(ParameterSets.in(VideoCodec.H265, unit)).containsExactly(bytes(0, 0, 0, 1, 0x40, 0x01, 0x0c,
                0, 0, 0, 1, 0x42, 0x01, 0x01, 0, 0, 0, 1, 0x44, 0x01, 0xc1));
    }

    @Test
    void aUnitOfSlicesOnlyHasNone() {
        assertThat(ParameterSets.in(VideoCodec.H264, bytes(0, 0, 0, 1, 0x41, 0x9a, 0x02))).isNull();
        assertThat(ParameterSets.in(VideoCodec.H264, bytes())).isNull();
    }

    @Test
    void tellsAnnexBFromTheMp4Form() {
        assertThat(ParameterSets.isAnnexB(bytes(0, 0, 0, 1, 0x67))).isTrue();
        assertThat(ParameterSets.isAnnexB(bytes(0, 0, 1, 0x67))).isTrue();
        assertThat(ParameterSets.isAnnexB(bytes(1, 0x42, 0xc0, 0x1f, 0xff))).isFalse();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
