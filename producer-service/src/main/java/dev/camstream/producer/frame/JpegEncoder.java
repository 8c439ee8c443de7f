package dev.camstream.producer.frame;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Encodes BGR images as JPEG with OpenCV. One encoder per camera, used by that camera's thread only. The
 * native output buffer is not reused: JavaCPP adds a reused output buffer's new size to its count of native
 * bytes each time the JPEG's size changes and never takes the old one off, so a camera with changing content
 * reached JavaCPP's limit (the heap size) within minutes. A buffer per frame, freed at once, keeps the count
 * flat.
 */
public final class JpegEncoder implements AutoCloseable {

    private final IntPointer parameters;

    public JpegEncoder(int quality) {
        this.parameters = new IntPointer(IMWRITE_JPEG_QUALITY, quality);
    }

    /** The JPEG of this BGR image (as {@link BgrConverter} makes it). */
    public byte[] encode(Mat bgr) {
        try (BytePointer output = new BytePointer()) {
            if (!imencode(".jpg", bgr, output, parameters)) {
                throw new IllegalStateException("OpenCV could not encode a " + bgr.cols() + "x" + bgr.rows() + " JPEG");
            }
            byte[] jpeg = new byte[(int) output.limit()];
            output.get(jpeg);
            return jpeg;
        }
    }

    @Override
    public void close() {
        parameters.close();
    }
}
