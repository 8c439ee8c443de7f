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
 * encoder per camera, used by that camera's thread only: the converter, the resize target and the output
 * buffer are reused from frame to frame, so the only per-frame allocation is the JPEG byte array Kafka sends.
 */
public final class JpegEncoder implements AutoCloseable {

    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private final IntPointer parameters;
    private final OptionalInt maxWidth;
    private final Mat resized = new Mat();
    private final BytePointer output = new BytePointer();

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
            resize(image, resized, new Size(width, height), 0, 0, INTER_AREA);
            image = resized;
        }
        if (!imencode(".jpg", image, output, parameters)) {
            throw new IllegalStateException("OpenCV could not encode a " + image.cols() + "x" + image.rows() + " JPEG");
        }
        byte[] jpeg = new byte[(int) output.limit()];
        output.get(jpeg);
        return new EncodedJpeg(jpeg, image.cols(), image.rows());
    }

    @Override
    public void close() {
        converter.close();
        resized.close();
        output.close();
        parameters.close();
    }

    public record EncodedJpeg(byte[] bytes, int width, int height) {
    }
}
