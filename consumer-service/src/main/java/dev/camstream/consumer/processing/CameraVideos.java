package dev.camstream.consumer.processing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.jboss.logging.Logger;

import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.history.FrameLog;
import dev.camstream.consumer.history.HistoryUnavailableException;
import dev.camstream.consumer.stats.FrameStatistics.Source;
import dev.camstream.consumer.video.VideoDecoder;

/**
 * One decoder per camera whose coded video (wire format v2) this replica processes, at most
 * {@code max-cameras} of them (the one used longest ago is closed first). A decoder follows its camera's units
 * in order from a keyframe. One that joins mid-group (a partition newly assigned, a restart from the committed
 * offset, units skipped as stale, a gap) first decodes the camera's units since its last keyframe, read back
 * from the topic, rather than waiting up to a group of pictures for the next keyframe. After a unit that does
 * not decode, it waits for the next keyframe instead: reading back would meet the same unit. Used by the
 * processing thread only.
 */
final class CameraVideos implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CameraVideos.class);

    private final FrameLog log;
    private final Map<String, CameraVideo> cameras;

    CameraVideos(FrameLog log, int maxCameras) {
        this.log = log;
        this.cameras = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CameraVideo> eldest) {
                if (size() <= maxCameras) {
                    return false;
                }
                eldest.getValue().close();
                return true;
            }
        };
    }

    /** Decodes the unit found at {@code source}: its picture, or null if it gave none yet. */
    AVFrame decode(FrameRecord unit, Source source) throws RejectedRecordException {
        CameraVideo camera = cameras.computeIfAbsent(unit.cameraId(), id -> new CameraVideo());
        try {
            return camera.decode(unit, source);
        } catch (RejectedRecordException e) {
            camera.state = State.AWAITING_KEYFRAME;
            throw e;
        }
    }

    /** A unit of the camera was not decoded (stale): its decoder must rejoin before the next one. */
    void skipped(String cameraId) {
        CameraVideo camera = cameras.get(cameraId);
        if (camera != null && camera.state == State.IN_STEP) {
            camera.state = State.JOINING;
        }
    }

    @Override
    public void close() {
        cameras.values().forEach(CameraVideo::close);
        cameras.clear();
    }

    private enum State {
        /** The last unit decoded was the one before: the next decodes as it comes. */
        IN_STEP,
        /** Nothing decoded lately: a delta unit first needs the units since its camera's last keyframe. */
        JOINING,
        /** A unit did not decode: only the next keyframe can start the camera again. */
        AWAITING_KEYFRAME
    }

    private final class CameraVideo implements AutoCloseable {
        private VideoDecoder decoder;
        private State state = State.JOINING;
        private long lastSeq;

        AVFrame decode(FrameRecord unit, Source source) throws RejectedRecordException {
            if (unit.video().keyframe()) {
                restart(unit);
            } else if (state == State.AWAITING_KEYFRAME) {
                throw new RejectedRecordException(RejectReason.MISSING_KEYFRAME,
                        "waiting for a keyframe after a unit that did not decode");
            } else if (state != State.IN_STEP || unit.seq() != lastSeq + 1 || decoder.codec() != unit.video().codec()) {
                join(unit, source);
            }
            boolean picture = decoder.decode(unit.video().decoderInput(unit.data()));
            state = State.IN_STEP;
            lastSeq = unit.seq();
            return picture ? decoder.picture() : null;
        }

        private void join(FrameRecord unit, Source source) throws RejectedRecordException {
            List<FrameRecord> before;
            try {
                before = log.unitsSinceKeyframe(unit.cameraId(), source.partition(), source.offset());
            } catch (HistoryUnavailableException e) {
                throw new RejectedRecordException(RejectReason.MISSING_KEYFRAME,
                        "its keyframe could not be read back: " + e.getMessage());
            }
            if (before.isEmpty()) {
                throw new RejectedRecordException(RejectReason.MISSING_KEYFRAME, "no keyframe within "
                        + FrameLog.LONGEST_READ_BACK + " records before offset " + source.offset());
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
            LOG.debugf("%s: joined at %s by decoding %d units since its keyframe", unit.cameraId(), source,
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
}
