package dev.camstream.consumer.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

import dev.camstream.consumer.TestVideo;
import dev.camstream.consumer.TestVideo.Unit;
import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.frame.VideoCodec;

class VideoDecoderTest {

    @Test
    void everyUnitGivesItsPictureAtOnceInItsTrueColour() throws Exception {
        try (TestVideo video = new TestVideo(320, 240, 5); VideoDecoder decoder = new VideoDecoder(VideoCodec.H264);
                BgrPictures pictures = new BgrPictures(); Mat image = new Mat()) {
            for (Unit unit : video.encode(220, 120, 30, 7)) {
                assertThat(decoder.decode(unit.data())).isTrue();
                assertThat(decoder.picture().width()).isEqualTo(320);
            }
            pictures.convert(decoder.picture(), image);
            Scalar mean = org.bytedeco.opencv.global.opencv_core.mean(image);
            // BGR: within the rounding of 8-bit 4:2:0 and the encoder's quantisation.
            assertThat(mean.get(2)).isCloseTo(220, within(5.0));
            assertThat(mean.get(1)).isCloseTo(120, within(5.0));
            assertThat(mean.get(0)).isCloseTo(30, within(5.0));
        }
    }

    @Test
    void aGarbageUnitAndATruncatedKeyframeAreRejectedAndTheDecoderGoesOn() throws Exception {
        try (TestVideo video = new TestVideo(160, 120, 5); VideoDecoder decoder = new VideoDecoder(VideoCodec.H264)) {
            List<Unit> units = video.encode(60, 60, 200, 15);
            for (Unit unit : units.subList(0, 2)) {
                assertThat(decoder.decode(unit.data())).isTrue();
            }
            assertThatThrownBy(() -> decoder.decode(garbageSlice())).isInstanceOfSatisfying(RejectedRecordException.class,
                    e -> assertThat(e.reason()).isEqualTo(RejectReason.UNDECODABLE));
            byte[] keyframe = units.get(5).data();
            assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(keyframe, keyframe.length * 2 / 3)))
                    .isInstanceOf(RejectedRecordException.class);
            decoder.reset();
            for (Unit unit : units.subList(10, 15)) {
                assertThat(decoder.decode(unit.data())).isTrue();
            }
        }
    }

    /** A slice NAL unit (type 1) of random bytes. */
    static byte[] garbageSlice() {
        byte[] garbage = new byte[200];
        new Random(7).nextBytes(garbage);
        garbage[0] = 0;
        garbage[1] = 0;
        garbage[2] = 0;
        garbage[3] = 1;
        garbage[4] = 0x41;
        return garbage;
    }
}
