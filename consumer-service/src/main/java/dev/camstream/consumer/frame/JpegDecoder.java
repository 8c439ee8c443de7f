package dev.camstream.consumer.frame;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes JPEGs straight into the 8-bit BGR pixels the statistics and the annotation work on. Nothing
 * frame-sized is allocated per frame: the compressed bytes go through one native buffer that only grows,
 * and the pixels land in an image the caller reuses (OpenCV keeps its memory when the size is unchanged).
 * Not thread-safe: one decoder per processing thread.
 */
public final class JpegDecoder implements AutoCloseable {

    private static final int INITIAL_CAPACITY = 256 * 1024;

    private BytePointer input = new BytePointer(INITIAL_CAPACITY);

    /** Decodes into {@code target}; a JPEG that does not decode is rejected, and the target's content is undefined. */
    public void decode(byte[] jpeg, Mat target) throws RejectedRecordException {
        if (input.capacity() < jpeg.length) {
            long capacity = Math.max(jpeg.length, 2 * input.capacity());
            input.close();
            input = new BytePointer(capacity);
        }
        input.position(0).put(jpeg, 0, jpeg.length);
        // imdecode returns a second header of the target, empty if decoding failed (the target itself may
        // keep an earlier frame's pixels then): closed now, not whenever the GC gets to it.
        try (Mat encoded = new Mat(1, jpeg.length, CV_8UC1, input);
                Mat decoded = imdecode(encoded, IMREAD_COLOR, target)) {
            if (decoded.empty()) {
                throw new RejectedRecordException(RejectReason.UNDECODABLE, "JPEG does not decode");
            }
        }
    }

    @Override
    public void close() {
        input.close();
    }
}
