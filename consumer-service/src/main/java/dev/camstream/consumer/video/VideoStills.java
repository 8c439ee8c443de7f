package dev.camstream.consumer.video;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

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
        List<FrameRecord> before = unit.video().keyframe() ? List.of()
                : log.unitsSinceKeyframe(unit.cameraId(), partition, offset);
        if (!unit.video().keyframe() && before.isEmpty()) {
            throw new RejectedRecordException(RejectReason.MISSING_KEYFRAME, "no keyframe of " + unit.cameraId()
                    + " within " + FrameLog.LONGEST_READ_BACK + " records before offset " + offset);
        }
        try (VideoDecoder decoder = new VideoDecoder(unit.video().codec()); BgrPictures pictures = new BgrPictures()) {
            for (FrameRecord earlier : before) {
                decodeLeniently(decoder, earlier);
            }
            if (!decoder.decode(unit.video().decoderInput(unit.data()))) {
                throw new RejectedRecordException(RejectReason.UNDECODABLE, "the unit gives no picture");
            }
            pictures.convert(decoder.picture(), target);
        }
    }

    /** A unit before the one wanted that decodes with errors still leaves the decoder what it could. */
    private static void decodeLeniently(VideoDecoder decoder, FrameRecord unit) {
        if (unit.video().codec() != decoder.codec()) {
            return;
        }
        try {
            decoder.decode(unit.video().decoderInput(unit.data()));
        } catch (RejectedRecordException e) {
            // Concealed by the decoder; the picture wanted may still come out right, and is checked itself.
        }
    }
}
