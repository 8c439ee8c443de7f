package dev.camstream.consumer.kafka;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.opencv.global.opencv_core.setNumThreads;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.camstream.consumer.bus.StatisticsPublisher;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.frame.Rejections;
import dev.camstream.consumer.processing.FrameProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * The one consumer of the {@code frames} channel, handing each record to the {@link FrameProcessor} on a
 * worker thread, in record order, and the statistics of each frame processed to the statistics topic. A bad record is counted and skipped, never thrown, so it can neither stop
 * the channel nor hold up the frames behind it.
 */
@ApplicationScoped
public class FrameConsumer {

    private static final Logger LOG = Logger.getLogger(FrameConsumer.class);

    private final FrameProcessor processor;
    private final StatisticsPublisher statistics;
    private final Rejections rejections;

    public FrameConsumer(FrameProcessor processor, StatisticsPublisher statistics, Rejections rejections) {
        this.processor = processor;
        this.statistics = statistics;
        this.rejections = rejections;
        // Load OpenCV's native libraries now, while the service starts, not on the first frame: the first
        // load unpacks them and can take seconds, which would show as one frame's huge latency.
        Loader.load(opencv_imgcodecs.class);
        Loader.load(opencv_imgproc.class);
        // FFmpeg's own log, set once for the whole service (it is process-wide): a unit that does not decode is
        // counted per record and a clip that cannot be written fails with its reason, so FFmpeg's lines about
        // them would only repeat that on stderr. Calling FFmpeg here also loads its libraries at start-up.
        av_log_set_level(AV_LOG_FATAL);
        // Frames are processed one at a time and each step is short: OpenCV's thread pool would only add
        // hand-offs and spinning (measured by deploy/bench: its floor loop used twice the CPU per frame).
        setNumThreads(1);
    }

    @Incoming(Channels.FRAMES)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        try {
            processor.process(record).ifPresent(statistics::publish);
        } catch (RejectedRecordException e) {
            rejections.count(e, where(record));
        } catch (RuntimeException e) {
            // A bug, not bad input: say where, and keep consuming.
            LOG.errorf(e, "Failed to process record %s", where(record));
        }
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
