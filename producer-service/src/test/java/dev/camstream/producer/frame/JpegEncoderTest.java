package dev.camstream.producer.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.util.Random;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class JpegEncoderTest {

    @Test
    void nativeMemoryStaysFlatWhileTheJpegSizeChangesFromFrameToFrame() {
        byte[] pixels = new byte[320 * 240 * 3];
        Random random = new Random(3);
        try (JpegEncoder encoder = new JpegEncoder(80); Mat image = new Mat(240, 320, CV_8UC3)) {
            long before = 0;
            int previousSize = -1;
            int sizeChanges = 0;
            for (int i = 0; i < 300; i++) {
                // Noise of changing strength: every JPEG has another size, as with a real camera.
                random.nextBytes(pixels);
                int mask = (1 << (1 + i % 7)) - 1;
                for (int p = 0; p < pixels.length; p++) {
                    pixels[p] &= (byte) mask;
                }
                image.data().put(pixels);
                byte[] jpeg = encoder.encode(image);
                sizeChanges += jpeg.length != previousSize ? 1 : 0;
                previousSize = jpeg.length;
                if (i == 9) {
                    before = Pointer.totalBytes();
                }
            }
            assertThat(sizeChanges).isGreaterThan(250);
            // Before the fix JavaCPP's count grew by one JPEG per frame: some 20 kB each here.
            assertThat(Pointer.totalBytes() - before).isLessThan(256 * 1024);
        }
    }
}
