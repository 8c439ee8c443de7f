package dev.camstream.consumer.video;

import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.opencv.opencv_core.Mat;

import dev.camstream.consumer.ConsumerSettings;
import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.memory.LeastRecentlyUsed;
import dev.camstream.consumer.topic.LoggedFrame;
import dev.camstream.consumer.topic.UnitLog;

/**
 * The picture of one access unit read back from the frames topic, for frames no replica keeps decoded: the
 * latest of a camera processed elsewhere, or one of the past. Random access into coded video decodes from the
 * camera's last keyframe before the unit (at most {@link UnitLog#LONGEST_READ_BACK} records back): one group
 * of pictures of reading and decoding. So that a viewer of a camera another replica processes does not pay
 * that for every frame, each camera's decoder is kept (at most {@code max-cameras} of them) and goes forward
 * from the last unit it decoded when the next unit asked for is a little later in the same partition.
 */
@ApplicationScoped
public class VideoStills {

    // Further ahead than this many records, reading from the last keyframe costs no more than going forward.
    private static final long LONGEST_FORWARD = 256;

    private final UnitLog log;
    private final Map<String, Follower> followers;

    public VideoStills(UnitLog log, ConsumerSettings config) {
        this.log = log;
        this.followers = new LeastRecentlyUsed<>(config.maxCameras(), Follower::close);
    }

    /** Decodes {@code unit}, found at {@code offset} of {@code partition}, into {@code target} as BGR. */
    public void decode(FrameRecord unit, int partition, long offset, Mat target) throws RejectedRecordException {
        Follower follower;
        synchronized (followers) {
            follower = followers.computeIfAbsent(unit.cameraId(), camera -> new Follower());
        }
        follower.decode(unit, partition, offset, target);
    }

    @PreDestroy
    void close() {
        synchronized (followers) {
            followers.values().forEach(Follower::close);
            followers.clear();
        }
    }

    /** One camera's decoder for stills, and where in the topic it last decoded; used under its own lock. */
    private final class Follower {
        private CameraStream stream = new CameraStream(log);
        private final BgrPictures pictures = new BgrPictures();
        private int partition = -1;
        private long offset = -1;

        synchronized void decode(FrameRecord unit, int unitPartition, long unitOffset, Mat target)
                throws RejectedRecordException {
            if (stream == null) {
                throw new RejectedRecordException(RejectReason.UNDECODABLE, "stopping");
            }
            if (unitPartition == partition && unitOffset > offset && unitOffset - offset <= LONGEST_FORWARD) {
                for (LoggedFrame between : log.unitsBetween(unit.cameraId(), partition, offset + 1, unitOffset)) {
                    decodeLeniently(between);
                }
            }
            partition = unitPartition;
            offset = unitOffset;
            AVFrame picture;
            try {
                picture = stream.decode(unit, unitPartition, unitOffset);
            } catch (RejectedRecordException e) {
                // A unit on the way did not decode: start afresh from the keyframe, as any lookup does.
                stream.close();
                stream = new CameraStream(log);
                picture = stream.decode(unit, unitPartition, unitOffset);
            }
            if (picture == null) {
                throw new RejectedRecordException(RejectReason.UNDECODABLE, "the unit gives no picture");
            }
            pictures.convert(picture, target);
        }

        /** A unit on the way that does not decode leaves the stream to rejoin at the one asked for. */
        private void decodeLeniently(LoggedFrame between) {
            try {
                stream.decode(between.frame(), between.partition(), between.offset());
            } catch (RejectedRecordException e) {
                // The stream waits for a keyframe now; the unit asked for says whether it decodes.
            }
        }

        synchronized void close() {
            if (stream != null) {
                stream.close();
                pictures.close();
                stream = null;
            }
        }
    }
}
