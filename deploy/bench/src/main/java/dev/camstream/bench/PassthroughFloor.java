package dev.camstream.bench;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.setNumThreads;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The floor of the passthrough path, on a live RTSP camera: bare loops doing only what cannot be avoided.
 * Producer: demux only, FFmpeg's RTSP client reading the camera's packets and copying each out (what a record
 * needs), at the camera's pace. Consumer: FFmpeg's decoder of those access units (one thread, low delay, as the
 * consumer runs it), each picture to BGR, and the statistics of the JPEG floor ({@link FloorStatistics}): per-channel mean and standard
 * deviation, grey, and the mean absolute difference from the previous grey, flat out. Process CPU time.
 *
 * <pre>java -cp ... dev.camstream.bench.PassthroughFloor RTSP_URL WARMUP_UNITS UNITS REPEATS</pre>
 *
 * Prints one CSV line per repeat and side: side,units,cpu_ms_per_unit,wall_ms_per_unit,bytes_per_unit
 */
public final class PassthroughFloor {

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: PassthroughFloor RTSP_URL WARMUP_UNITS UNITS REPEATS");
            System.exit(2);
        }
        int warmup = Integer.parseInt(args[1]);
        int units = Integer.parseInt(args[2]);
        int repeats = Integer.parseInt(args[3]);
        setNumThreads(1);
        List<byte[]> kept = new ArrayList<>();
        int codecId;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(args[0])) {
            grabber.setOption("rtsp_transport", "tcp");
            grabber.setOption("analyzeduration", "0");
            grabber.setOption("probesize", "32768");
            grabber.setOption("fflags", "nobuffer");
            grabber.start();
            codecId = grabber.getVideoCodec();
            int stream = av_find_best_stream(grabber.getFormatContext(), AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            demux(grabber, stream, warmup, null);
            for (int i = 0; i < repeats; i++) {
                long cpu = processCpuNanos();
                long wall = System.nanoTime();
                long bytes = demux(grabber, stream, units, kept);
                print("producer", units, processCpuNanos() - cpu, System.nanoTime() - wall, bytes);
            }
        }
        try (Decoding decoding = new Decoding(codecId, fromFirstKeyframe(kept))) {
            decoding.run(warmup);
            for (int i = 0; i < repeats; i++) {
                long cpu = processCpuNanos();
                long wall = System.nanoTime();
                decoding.run(units);
                print("consumer", units, processCpuNanos() - cpu, System.nanoTime() - wall, 0);
            }
        }
    }

    /** Reads {@code count} video packets, copying each out; keeps them (with a key flag byte) if asked. */
    private static long demux(FFmpegFrameGrabber grabber, int stream, int count, List<byte[]> kept) throws Exception {
        long bytes = 0;
        for (int read = 0; read < count;) {
            AVPacket packet = grabber.grabPacket();
            if (packet == null) {
                throw new IllegalStateException("the camera's stream ended");
            }
            if (packet.stream_index() == stream) {
                byte[] unit = new byte[packet.size() + 1];
                packet.data().get(unit, 1, packet.size());
                unit[0] = (byte) ((packet.flags() & AV_PKT_FLAG_KEY) != 0 ? 1 : 0);
                bytes += packet.size();
                if (kept != null) {
                    kept.add(unit);
                }
                read++;
            }
            av_packet_unref(packet);
        }
        return bytes;
    }

    private static List<byte[]> fromFirstKeyframe(List<byte[]> units) {
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i)[0] == 1) {
                return units.subList(i, units.size());
            }
        }
        throw new IllegalStateException("no keyframe among the units read: read more");
    }

    private static void print(String side, int units, long cpuNanos, long wallNanos, long bytes) {
        System.out.printf(Locale.ROOT, "%s,%d,%.3f,%.3f,%d%n", side, units, cpuNanos / 1e6 / units,
                wallNanos / 1e6 / units, bytes / units);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Decode, BGR and statistics over the kept units, from their first keyframe, round and round. */
    private static final class Decoding implements AutoCloseable {
        private final List<byte[]> units;
        private final AVCodecContext decoder;
        private final AVPacket packet = av_packet_alloc();
        private final AVFrame picture = av_frame_alloc();
        private final PointerPointer<?> planes = new PointerPointer<>(4);
        private final IntPointer strides = new IntPointer(4);
        private SwsContext toBgr;
        private final Mat image = new Mat();
        private final FloorStatistics statistics = new FloorStatistics();
        private int next;

        Decoding(int codecId, List<byte[]> units) {
            this.units = units;
            AVCodec codec = avcodec_find_decoder(codecId);
            decoder = avcodec_alloc_context3(codec);
            decoder.thread_count(1);
            decoder.flags(decoder.flags() | AV_CODEC_FLAG_LOW_DELAY);
            if (avcodec_open2(decoder, codec, (AVDictionary) null) < 0) {
                throw new IllegalStateException("cannot open the decoder");
            }
        }

        void run(int count) {
            for (int i = 0; i < count; i++) {
                if (next == units.size()) {
                    next = 0;
                    avcodec_flush_buffers(decoder); // round again from the keyframe
                }
                byte[] unit = units.get(next++);
                av_new_packet(packet, unit.length - 1);
                packet.data().put(unit, 1, unit.length - 1);
                avcodec_send_packet(decoder, packet);
                av_packet_unref(packet);
                if (avcodec_receive_frame(decoder, picture) == 0) {
                    measure();
                }
            }
        }

        private void measure() {
            int width = picture.width();
            int height = picture.height();
            image.create(height, width, CV_8UC3);
            toBgr = sws_getCachedContext(toBgr, width, height, picture.format(), width, height, AV_PIX_FMT_BGR24,
                    SWS_BILINEAR, null, null, (DoublePointer) null);
            planes.put(0, image.data());
            strides.put(0, (int) image.step());
            sws_scale(toBgr, picture.data(), picture.linesize(), 0, height, planes, strides);
            statistics.compute(image);
        }

        @Override
        public void close() {
            av_packet_free(packet);
            av_frame_free(picture);
            avcodec_free_context(decoder);
            sws_freeContext(toBgr);
            planes.close();
            strides.close();
            image.close();
            statistics.close();
        }
    }

    private PassthroughFloor() {
    }
}
