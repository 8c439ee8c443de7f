package dev.camstream.consumer.processing;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.opencv.opencv_core.Mat;

import dev.camstream.consumer.analysis.AnalysisGate;
import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.stats.FrameStatistics.Source;
import dev.camstream.consumer.stats.MotionMeter;
import dev.camstream.consumer.topic.UnitLog;
import dev.camstream.consumer.video.CameraStream;

/**
 * What processing keeps between one frame of a camera and the next, because each frame depends on the one
 * before: its motion state and, for coded video (wire format v2), its decoder. Used by one thread at a time,
 * in the camera's record order, and when it is analysed next. (Later steps that follow a camera over time
 * belong here too.)
 */
final class CameraContext implements AutoCloseable {

    private final MotionMeter motion = new MotionMeter();
    private final AnalysisGate analysis = new AnalysisGate();
    private final CameraStream video;

    CameraContext(UnitLog log) {
        this.video = new CameraStream(log);
    }

    /** Decodes the camera's unit found at {@code source}: its picture, or null if it gave none yet. */
    AVFrame decode(FrameRecord unit, Source source) throws RejectedRecordException {
        return video.decode(unit, source.partition(), source.offset());
    }

    /** A unit of the camera was not decoded (stale): its decoder must rejoin before the next one. */
    void skipped() {
        video.skipped();
    }

    /** Motion since the camera's previous frame, given this one in grey. */
    double motion(Mat grey) {
        return motion.next(grey);
    }

    /** How the last frame given to {@link #motion} differs from the one before it; see {@link MotionMeter#difference()}. */
    Mat motionDifference() {
        return motion.difference();
    }

    /** When the camera is analysed next. */
    AnalysisGate analysis() {
        return analysis;
    }

    @Override
    public void close() {
        analysis.close();
        video.close();
        motion.close();
    }
}
