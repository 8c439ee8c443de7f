package dev.camstream.bench;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.setNumThreads;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The floor of camstream's work: bare loops over the same libraries doing only what cannot be avoided,
 * as fast as they go. Producer: FFmpeg makes the test pattern as BGR (as a grabber does), OpenCV encodes
 * it as JPEG. Consumer: OpenCV decodes those JPEGs into a reused image and computes per-channel mean and
 * standard deviation and the motion (grey conversion, absolute difference, mean). No Kafka, no framework,
 * no allocation per frame. Cost is process CPU time (all threads), the measure used for the services.
 * With PACE_FPS above 0 the loops sleep between frames as a camera's rate makes them, to show what running
 * at a camera's pace costs by itself (caches gone cold, threads woken).
 *
 * <pre>java -cp ... dev.camstream.bench.Floor WxH NOISE WARMUP_FRAMES FRAMES REPEATS [PACE_FPS] [QUALITY]</pre>
 *
 * Prints one CSV line per repeat and side:
 * side,size,noise,pace_fps,frames,cpu_ms_per_frame,wall_ms_per_frame,jpeg_bytes
 */
public final class Floor {

    private static final int KEPT_JPEGS = 50;

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: Floor WxH NOISE WARMUP_FRAMES FRAMES REPEATS [PACE_FPS] [QUALITY]");
            System.exit(2);
        }
        String size = args[0];
        int noise = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int frames = Integer.parseInt(args[3]);
        int repeats = Integer.parseInt(args[4]);
        int paceFps = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        int quality = args.length > 6 ? Integer.parseInt(args[6]) : 80;
        long paceNanos = paceFps > 0 ? 1_000_000_000L / paceFps : 0;

        // As in the services: one OpenCV thread per camera; OpenCV's pool only adds CPU to these short steps.
        setNumThreads(1);
        List<byte[]> jpegs = new ArrayList<>();
        try (ProducerLoop producer = new ProducerLoop(size, noise, quality)) {
            producer.run(warmup, jpegs);
            for (int i = 0; i < repeats; i++) {
                print("producer", size, noise, paceFps, producer.measure(frames, paceNanos));
            }
        }
        try (ConsumerLoop consumer = new ConsumerLoop(jpegs)) {
            consumer.run(warmup);
            for (int i = 0; i < repeats; i++) {
                print("consumer", size, noise, paceFps, consumer.measure(frames, paceNanos));
            }
        }
    }

    private static void print(String side, String size, int noise, int paceFps, Result result) {
        System.out.printf(Locale.ROOT, "%s,%s,%d,%d,%d,%.3f,%.3f,%d%n", side, size, noise, paceFps, result.frames,
                result.cpuNanos / 1e6 / result.frames, result.wallNanos / 1e6 / result.frames,
                result.bytes / result.frames);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    record Result(int frames, long cpuNanos, long wallNanos, long bytes) {
    }

    /** A loop that does one frame's work per call to {@link #step()}, measured over many calls. */
    abstract static class Loop implements AutoCloseable {

        /** Does one frame; returns its JPEG size in bytes. */
        abstract long step() throws Exception;

        Result measure(int frames, long paceNanos) throws Exception {
            long cpu = processCpuNanos();
            long wall = System.nanoTime();
            long bytes = 0;
            for (int i = 0; i < frames; i++) {
                bytes += step();
                if (paceNanos > 0) {
                    long due = wall + (i + 1) * paceNanos;
                    Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
                }
            }
            return new Result(frames, processCpuNanos() - cpu, System.nanoTime() - wall, bytes);
        }
    }

    /** Pattern → BGR → JPEG, with the same filter graph as the producer's testsrc (libavfilter, no lavfi). */
    static final class ProducerLoop extends Loop {
        private final FFmpegFrameFilter pattern;
        private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
        // Reused, the cheapest way: JavaCPP's count of native bytes grows with it (see the producer's JpegEncoder),
        // which a loop of a few hundred frames never brings near the limit.
        private final BytePointer output = new BytePointer();
        private final IntPointer parameters;

        ProducerLoop(String size, int noise, int quality) throws Exception {
            // No rate limit here: the graph makes frames as fast as they are pulled, so the loop measures work only.
            pattern = new FFmpegFrameFilter("[in]nullsink;testsrc2=size=" + size + ":rate=25"
                    + (noise > 0 ? ",noise=alls=" + noise + ":allf=t+u" : "") + ",format=bgr24[out]", 16, 16);
            pattern.setPixelFormat(AV_PIX_FMT_BGR24);
            pattern.start();
            parameters = new IntPointer(IMWRITE_JPEG_QUALITY, quality);
        }

        /** Warms up, keeping the last JPEGs for the consumer loop. */
        void run(int frames, List<byte[]> kept) throws Exception {
            for (int i = 0; i < frames; i++) {
                step();
                if (frames - i <= KEPT_JPEGS) {
                    byte[] jpeg = new byte[(int) output.limit()];
                    output.get(jpeg);
                    kept.add(jpeg);
                }
            }
        }

        @Override
        long step() throws Exception {
            Frame frame = pattern.pullImage();
            if (frame == null) {
                throw new IllegalStateException("the test pattern ended");
            }
            if (!imencode(".jpg", converter.convert(frame), output, parameters)) {
                throw new IllegalStateException("imencode failed");
            }
            return output.limit();
        }

        @Override
        public void close() throws Exception {
            pattern.close();
            converter.close();
            output.close();
            parameters.close();
        }
    }

    /** JPEG → BGR → mean and standard deviation per channel, grey, |Δ grey| mean: the statistics, nothing else. */
    static final class ConsumerLoop extends Loop {
        private final List<byte[]> jpegs;
        private final BytePointer encoded;
        private final Mat image = new Mat();
        private final FloorStatistics statistics = new FloorStatistics();
        private int next;

        ConsumerLoop(List<byte[]> jpegs) {
            if (jpegs.isEmpty()) {
                throw new IllegalArgumentException("no JPEGs to decode: warm-up frames must be > 0");
            }
            this.jpegs = jpegs;
            this.encoded = new BytePointer(jpegs.stream().mapToLong(j -> j.length).max().orElseThrow());
        }

        void run(int frames) throws Exception {
            for (int i = 0; i < frames; i++) {
                step();
            }
        }

        @Override
        long step() {
            byte[] jpeg = jpegs.get(next++ % jpegs.size());
            encoded.position(0).put(jpeg, 0, jpeg.length);
            try (Mat buffer = new Mat(1, jpeg.length, CV_8UC1, encoded)) {
                imdecode(buffer, IMREAD_COLOR, image);
            }
            if (image.empty()) {
                throw new IllegalStateException("JPEG did not decode");
            }
            statistics.compute(image);
            return jpeg.length;
        }

        @Override
        public void close() {
            encoded.close();
            image.close();
            statistics.close();
        }
    }
}
