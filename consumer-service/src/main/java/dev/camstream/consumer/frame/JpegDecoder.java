package dev.camstream.consumer.frame;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Decodes a JPEG once, straight into the 8-bit BGR pixels the statistics and the annotation work on. */
public final class JpegDecoder {

    private JpegDecoder() {
    }

    /** The decoded image, owned by the caller (close it); a JPEG that does not decode is rejected. */
    public static Mat decode(byte[] jpeg) throws RejectedRecordException {
        try (BytePointer data = new BytePointer(jpeg); Mat encoded = new Mat(1, jpeg.length, CV_8UC1, data)) {
            Mat image = imdecode(encoded, IMREAD_COLOR);
            if (image == null || image.empty()) {
                if (image != null) {
                    image.close();
                }
                throw new RejectedRecordException(RejectReason.UNDECODABLE, "JPEG does not decode");
            }
            return image;
        }
    }
}
