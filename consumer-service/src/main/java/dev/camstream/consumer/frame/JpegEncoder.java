package dev.camstream.consumer.frame;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Encodes BGR images as the JPEGs this service serves: annotated frames, and pictures decoded from video. */
public final class JpegEncoder {

    private JpegEncoder() {
    }

    public static byte[] encode(Mat image, int quality) {
        try (BytePointer output = new BytePointer(); IntPointer parameters = new IntPointer(IMWRITE_JPEG_QUALITY, quality)) {
            if (!imencode(".jpg", image, output, parameters)) {
                throw new IllegalStateException("OpenCV could not encode a " + image.cols() + "x" + image.rows() + " image");
            }
            byte[] jpeg = new byte[(int) output.limit()];
            output.get(jpeg);
            return jpeg;
        }
    }
}
