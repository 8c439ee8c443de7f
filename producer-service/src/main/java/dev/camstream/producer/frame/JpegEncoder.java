package dev.camstream.producer.frame;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.OptionalInt;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Encodes grabbed frames as JPEG with OpenCV, downscaling first when the camera is wider than asked. One
 * encoder per camera, used by that camera's thread only: the converter and the resize target are reused
 * from frame to frame. The native output buffer is not: JavaCPP adds a reused output buffer's new size to
 * its count of native bytes each time the JPEG's size changes and never takes the old one off, so a camera
 * with changing content reached JavaCPP's limit (the heap size) within minutes. A buffer per frame, freed
 * at once, keeps the count flat.
 */
public final class JpegEncoder implements AutoCloseable {

    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private final IntPointer parameters;
    private final OptionalInt maxWidth;
    private final Mat resized = new Mat();

    public JpegEncoder(int quality, OptionalInt maxWidth) {
        this.parameters = new IntPointer(IMWRITE_JPEG_QUALITY, quality);
        this.maxWidth = maxWidth;
    }

    /** The JPEG of this frame's image (BGR, as FFmpegFrameGrabber delivers it), and its pixel size. */
    public EncodedJpeg encode(Frame frame) {
        Mat image = converter.convert(frame);
        if (image == null) {
            throw new IllegalArgumentException("frame has no image");
        }
        if (maxWidth.isPresent() && image.cols() > maxWidth.getAsInt()) {
            int width = maxWidth.getAsInt();
            int height = Math.max(1, (int) Math.round((double) image.rows() * width / image.cols()));
            // INTER_AREA averages the pixels it merges: no aliasing on downscale.
            try (Size size = new Size(width, height)) {
                resize(image, resized, size, 0, 0, INTER_AREA);
            }
            image = resized;
        }
        try (BytePointer output = new BytePointer()) {
            if (!imencode(".jpg", image, output, parameters)) {
                throw new IllegalStateException("OpenCV could not encode a " + image.cols() + "x" + image.rows() + " JPEG");
            }
            byte[] jpeg = new byte[(int) output.limit()];
            output.get(jpeg);
            return new EncodedJpeg(jpeg, image.cols(), image.rows());
        }
    }

    @Override
    public void close() {
        converter.close();
        resized.close();
        parameters.close();
    }

    public record EncodedJpeg(byte[] bytes, int width, int height) {
    }
}
