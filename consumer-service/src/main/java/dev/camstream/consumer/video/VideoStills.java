package dev.camstream.consumer.video;

import jakarta.enterprise.context.ApplicationScoped;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.opencv.opencv_core.Mat;

import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.history.FrameLog;

/**
 * The picture of one access unit read back from the frames topic: decoded from its camera's last keyframe
 * before it, as random access into coded video must be. Costs one group of pictures of reading and decoding
 * at most ({@link FrameLog#LONGEST_READ_BACK} records back); used for frames no replica keeps decoded: the
 * latest of a camera processed elsewhere, or one of the past.
 */
@ApplicationScoped
public class VideoStills {

    private final FrameLog log;

    public VideoStills(FrameLog log) {
        this.log = log;
    }

    /** Decodes {@code unit}, found at {@code offset} of {@code partition}, into {@code target} as BGR. */
    public void decode(FrameRecord unit, int partition, long offset, Mat target) throws RejectedRecordException {
        try (CameraStream stream = new CameraStream(log); BgrPictures pictures = new BgrPictures()) {
            AVFrame picture = stream.decode(unit, partition, offset);
            if (picture == null) {
                throw new RejectedRecordException(RejectReason.UNDECODABLE, "the unit gives no picture");
            }
            pictures.convert(picture, target);
        }
    }
}
