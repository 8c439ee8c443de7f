package dev.camstream.consumer.frame;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Encodes BGR images as the JPEGs this service serves: annotated frames, and pictures decoded from video. */
public final class JpegEncoder {

    // A little above the producer's default (80): what is served here has often been encoded once before.
    private static final int QUALITY = 85;

    private JpegEncoder() {
    }

    public static byte[] encode(Mat image) {
        try (BytePointer output = new BytePointer(); IntPointer parameters = new IntPointer(IMWRITE_JPEG_QUALITY, QUALITY)) {
            if (!imencode(".jpg", image, output, parameters)) {
                throw new IllegalStateException("OpenCV could not encode a " + image.cols() + "x" + image.rows() + " image");
            }
            byte[] jpeg = new byte[(int) output.limit()];
            output.get(jpeg);
            return jpeg;
        }
    }
}
