package dev.camstream.consumer.detect;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds objects in a picture. A detector is a CDI bean (or one of {@code camstream.detectors.*}), known to
 * cameras by {@link #name()}; analysis hands it the part of a frame worth looking at, scaled to what it needs,
 * on a worker thread, at most as often as it allows. Called by several workers at once: implementations keep
 * no state per call, or guard it.
 */
public interface Detector {

    /** Its name in camera definitions ({@code "detectors": ["people"]}): 1-64 characters of A-Z a-z 0-9 . _ -. */
    String name();

    /**
     * The size of picture it works on, width and height in pixels: the part of the frame analysed is scaled
     * to fit (aspect kept); empty if it takes the picture as it comes.
     */
    Optional<InputSize> inputSize();

    /** The shortest time it allows between two detections of one camera, whatever the camera asks; zero: no limit. */
    default Duration leastInterval() {
        return Duration.ZERO;
    }

    /** The objects in {@code bgr} (8-bit BGR), boxes in its pixels, best first. */
    List<Detection> detect(Mat bgr);

    /** A picture size in pixels. */
    record InputSize(int width, int height) {

        /** Reads {@code 640x480}. */
        public static InputSize parse(String text) {
            String[] parts = text.strip().toLowerCase(java.util.Locale.ROOT).split("x");
            try {
                if (parts.length == 2) {
                    InputSize size = new InputSize(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                    if (size.width() > 0 && size.height() > 0 && size.width() <= 4096 && size.height() <= 4096) {
                        return size;
                    }
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new IllegalArgumentException("input size must be WIDTHxHEIGHT, each 1-4096, such as 128x128: " + text);
        }
    }
}
