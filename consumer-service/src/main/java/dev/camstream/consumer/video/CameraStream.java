package dev.camstream.consumer.video;

import java.util.List;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.jboss.logging.Logger;

import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.topic.TopicUnavailableException;
import dev.camstream.consumer.topic.UnitLog;

/**
 * One camera's coded video (wire format v2) followed unit by unit, in order, from a keyframe. A unit that does
 * not follow the last one decoded (nothing decoded yet, units skipped, a gap) joins the camera mid-group: its
 * units since the last keyframe are read back from the topic and decoded first, rather than waiting up to a
 * group of pictures for the next keyframe. After a unit that does not decode, only the next keyframe starts the
 * camera again: reading back would meet the same unit. Used by one thread at a time.
 */
public final class CameraStream implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CameraStream.class);

    private enum State {
        /** The last unit decoded was the one before: the next decodes as it comes. */
        IN_STEP,
        /** Nothing decoded lately: a delta unit first needs the units since its camera's last keyframe. */
        JOINING,
        /** A unit did not decode: only the next keyframe can start the camera again. */
        AWAITING_KEYFRAME
    }

    private final UnitLog log;
    private VideoDecoder decoder;
    private State state = State.JOINING;
    private long lastSeq;

    public CameraStream(UnitLog log) {
        this.log = log;
    }

    /** Decodes the unit found at {@code offset} of {@code partition}: its picture, or null if it gave none yet. */
    public AVFrame decode(FrameRecord unit, int partition, long offset) throws RejectedRecordException {
        try {
            if (unit.video().keyframe()) {
                restart(unit);
            } else if (state == State.AWAITING_KEYFRAME) {
                throw new RejectedRecordException(RejectReason.MISSING_KEYFRAME,
                        "waiting for a keyframe after a unit that did not decode");
            } else if (state != State.IN_STEP || unit.seq() != lastSeq + 1 || decoder.codec() != unit.video().codec()) {
                join(unit, partition, offset);
            }
            boolean picture = decoder.decode(unit.video().decoderInput(unit.data()));
            state = State.IN_STEP;
            lastSeq = unit.seq();
            return picture ? decoder.picture() : null;
        } catch (RejectedRecordException e) {
            state = State.AWAITING_KEYFRAME;
            throw e;
        }
    }

    /** A unit of the camera was not decoded (stale): the stream must rejoin before the next one. */
    public void skipped() {
        if (state == State.IN_STEP) {
            state = State.JOINING;
        }
    }

    private void join(FrameRecord unit, int partition, long offset) throws RejectedRecordException {
        List<FrameRecord> before;
        try {
            before = log.unitsSinceKeyframe(unit.cameraId(), partition, offset);
        } catch (TopicUnavailableException e) {
            throw new RejectedRecordException(RejectReason.MISSING_KEYFRAME,
                    "its keyframe could not be read back: " + e.getMessage());
        }
        if (before.isEmpty()) {
            throw new RejectedRecordException(RejectReason.MISSING_KEYFRAME, "no keyframe of " + unit.cameraId()
                    + " within " + UnitLog.LONGEST_READ_BACK + " records before offset " + offset);
        }
        restart(before.get(0));
        for (FrameRecord earlier : before) {
            try {
                if (earlier.video().codec() == decoder.codec()) {
                    decoder.decode(earlier.video().decoderInput(earlier.data()));
                }
            } catch (RejectedRecordException e) {
                // Concealed by the decoder: the unit wanted is checked itself.
            }
        }
        LOG.debugf("%s: joined at %d@%d by decoding %d units since its keyframe", unit.cameraId(), partition, offset,
                before.size());
    }

    /** Starts at a keyframe: the same decoder if the codec is the same, else one for the new codec. */
    private void restart(FrameRecord keyframe) {
        if (decoder != null && decoder.codec() == keyframe.video().codec()) {
            decoder.reset();
            return;
        }
        close();
        decoder = new VideoDecoder(keyframe.video().codec());
    }

    @Override
    public void close() {
        if (decoder != null) {
            decoder.close();
            decoder = null;
        }
    }
}
