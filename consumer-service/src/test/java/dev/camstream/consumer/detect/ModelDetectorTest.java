package dev.camstream.consumer.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model file through OpenCV DNN with the blazeface decoder: MediaPipe's face detectors on real pictures. */
class ModelDetectorTest {

    @TempDir
    Path temporary;

    @Test
    void theShortRangeModelFindsAFaceCloseUp() {
        try (ModelDetector faces = shortRange();
                Mat picture = imread(TestPictures.require(TestPictures.MESSI, "Debian opencv-doc").toString());
                Rect head = new Rect(199, 73, 80, 80); Mat closeUp = new Mat(picture, head)) {
            List<Detection> found = faces.detect(closeUp).stream().filter(d -> d.score() >= 0.5).toList();
            assertThat(found).hasSize(1);
            assertThat(found.get(0).label()).isEqualTo("face");
            // Messi's face fills the middle of the close-up.
            assertThat(found.get(0).box().footX()).isBetween(25.0, 55.0);
            assertThat(found.get(0).box().width()).isBetween(20, 70);
        }
    }

    @Test
    void theFullRangeModelFindsAFaceFurtherAway() {
        Path model = TestPictures.faceModel("face_detection_full_range.tflite");
        try (ModelDetector faces = new ModelDetector("far-face", model, OutputDecoder.named("blazeface"),
                new Detector.InputSize(192, 192), List.of("face"));
                Mat picture = imread(TestPictures.require(TestPictures.MESSI, "Debian opencv-doc").toString())) {
            List<Detection> found = faces.detect(picture).stream().filter(d -> d.score() >= 0.5).toList();
            // Messi's head, small, in the middle of the 548x342 picture.
            assertThat(found).hasSize(1);
            assertThat(found.get(0).box().footX()).isBetween(200.0, 280.0);
            assertThat(found.get(0).box().width()).isBetween(15, 70);
        }
    }

    @Test
    void aDogHasNoFace() {
        try (ModelDetector faces = shortRange();
                Mat picture = imread(TestPictures.require(TestPictures.DOG, "Debian darknet").toString())) {
            assertThat(faces.detect(picture).stream().filter(d -> d.score() >= 0.5)).isEmpty();
        }
    }

    /** MediaPipe's short-range face model, as deploy/models/fetch.sh brings it. */
    private static ModelDetector shortRange() {
        return new ModelDetector("face", TestPictures.faceModel("face_detection_short_range.tflite"),
                OutputDecoder.named("blazeface"), new Detector.InputSize(128, 128), List.of());
    }

    @Test
    void aMissingModelFileIsRefusedWithItsPath() {
        Path missing = temporary.resolve("no-such-model.tflite");
        assertThatThrownBy(() -> new ModelDetector("face", missing, OutputDecoder.named("blazeface"),
                new Detector.InputSize(128, 128), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("missing");
    }

    @Test
    void aCorruptModelFileIsRefusedAtLoading() throws Exception {
        Path corrupt = temporary.resolve("corrupt.tflite");
        byte[] junk = new byte[64 * 1024];
        new Random(7).nextBytes(junk);
        Files.write(corrupt, junk);
        assertThatThrownBy(() -> new ModelDetector("face", corrupt, OutputDecoder.named("blazeface"),
                new Detector.InputSize(128, 128), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not load");
    }

    @Test
    void aModelThatIsNotBlazeFaceIsRefusedByTheDecoder() throws Exception {
        Path model = TestPictures.faceModel("face_detection_short_range.tflite");
        assertThatThrownBy(() -> new ModelDetector("face", model, OutputDecoder.named("yolo"),
                new Detector.InputSize(128, 128), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no output decoder 'yolo'");
    }
}
