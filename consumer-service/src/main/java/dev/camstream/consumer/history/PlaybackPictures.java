package dev.camstream.consumer.history;

import java.util.Optional;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.opencv.opencv_core.Mat;

import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.frame.JpegEncoder;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.memory.ImageBudget;
import dev.camstream.consumer.topic.LoggedFrame;
import dev.camstream.consumer.topic.UnitLog;
import dev.camstream.consumer.video.BgrPictures;
import dev.camstream.consumer.video.CameraStream;

/**
 * The frames of one playback as JPEGs, in order: a JPEG as recorded; an access unit decoded by the playback's
 * own decoder (which joins the camera at the first unit, from its last keyframe) and encoded, its pixels held
 * from the image budget meanwhile. A unit that does not decode is left out, and the decoder waits for the next
 * keyframe. Used by the playback's thread only.
 */
public final class PlaybackPictures implements AutoCloseable {

    private final CameraStream stream;
    private final ImageBudget budget;
    private final BgrPictures pictures = new BgrPictures();
    private final Mat image = new Mat();

    public PlaybackPictures(UnitLog log, ImageBudget budget) {
        this.stream = new CameraStream(log);
        this.budget = budget;
    }

    /** The frame's JPEG; empty if it has none to show (a unit that gave no picture, or did not decode). */
    public Optional<byte[]> jpeg(LoggedFrame logged) throws InterruptedException {
        FrameRecord frame = logged.frame();
        if (frame.isJpeg()) {
            return Optional.of(frame.jpeg());
        }
        try {
            AVFrame picture = stream.decode(frame, logged.partition(), logged.offset());
            if (picture == null) {
                return Optional.empty();
            }
            long bytes = (long) picture.width() * picture.height() * 3;
            try (ImageBudget.Reservation reserved = budget.tryReserve(bytes, ImageBudget.REQUEST_WAIT).orElse(null)) {
                if (reserved == null) {
                    return Optional.empty(); // every byte of image memory stayed taken: this frame is left out
                }
                pictures.convert(picture, image);
                byte[] jpeg = JpegEncoder.encode(image);
                image.release();
                return Optional.of(jpeg);
            }
        } catch (RejectedRecordException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        stream.close();
        pictures.close();
        image.close();
    }
}
