package dev.camstream.consumer.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The built-in {@code people} detector on real pictures: darknet's person.jpg and OpenCV's pedestrian video. */
class PeopleDetectorTest {

    private static final PeopleDetector PEOPLE = new PeopleDetector();

    @AfterAll
    static void close() {
        PEOPLE.close();
    }

    @Test
    void findsThePersonStandingBesideTheDog() {
        try (Mat picture = imread(TestPictures.require(TestPictures.PERSON, "Debian darknet").toString())) {
            List<Detection> found = PEOPLE.detect(picture);

            assertThat(found).isNotEmpty();
            Detection best = found.get(0);
            assertThat(best.label()).isEqualTo("person");
            assertThat(best.score()).isGreaterThan(0.5);
            // The woman stands in the left half of the 640x424 picture, head near the top, feet near the bottom.
            assertThat(best.box().footX()).isBetween(150.0, 330.0);
            assertThat(best.box().height()).isGreaterThan(200);
            assertThat(best.box().x2()).isLessThan(400);
        }
    }

    @Test
    void findsSeveralPedestriansInEveryFewFramesOfTheSquare() throws Exception {
        List<Mat> frames = TestPictures.frames(TestPictures.require(TestPictures.PEDESTRIANS, "Debian opencv-doc"), 50, 100, 4);
        try {
            assertThat(frames).hasSize(4);
            for (Mat frame : frames) {
                List<Detection> people = PEOPLE.detect(frame).stream().filter(d -> d.score() >= 0.5).toList();
                assertThat(people).as("people in a frame of the square").hasSizeGreaterThanOrEqualTo(2);
                assertThat(people).allSatisfy(person -> {
                    assertThat(person.box().height()).isBetween(100, 400); // upright people, not the whole square
                    assertThat(person.box().height()).isGreaterThan(person.box().width());
                });
            }
        } finally {
            frames.forEach(Mat::close);
        }
    }

    @Test
    void aPictureSmallerThanAPersonFindsNothing() {
        try (Mat tiny = new Mat(100, 50, org.bytedeco.opencv.global.opencv_core.CV_8UC3)) {
            assertThat(PEOPLE.detect(tiny)).isEmpty();
        }
    }
}
