package dev.camstream.consumer.processing;

import java.util.Map;

import org.bytedeco.ffmpeg.avutil.AVFrame;

import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.history.UnitLog;
import dev.camstream.consumer.stats.FrameStatistics.Source;
import dev.camstream.consumer.store.LeastRecentlyUsed;
import dev.camstream.consumer.video.CameraStream;

/**
 * The coded video (wire format v2) of the cameras this replica processes: one {@link CameraStream}, so one
 * decoder, per camera, at most {@code max-cameras} of them (the one used longest ago is closed first). Used by
 * the processing thread only.
 */
final class CameraVideos implements AutoCloseable {

    private final UnitLog log;
    private final Map<String, CameraStream> cameras;

    CameraVideos(UnitLog log, int maxCameras) {
        this.log = log;
        this.cameras = new LeastRecentlyUsed<>(maxCameras, CameraStream::close);
    }

    /** Decodes the unit found at {@code source}: its picture, or null if it gave none yet. */
    AVFrame decode(FrameRecord unit, Source source) throws RejectedRecordException {
        return cameras.computeIfAbsent(unit.cameraId(), id -> new CameraStream(log))
                .decode(unit, source.partition(), source.offset());
    }

    /** A unit of the camera was not decoded (stale): its decoder must rejoin before the next one. */
    void skipped(String cameraId) {
        CameraStream camera = cameras.get(cameraId);
        if (camera != null) {
            camera.skipped();
        }
    }

    @Override
    public void close() {
        cameras.values().forEach(CameraStream::close);
        cameras.clear();
    }
}
