package dev.camstream.consumer.history;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.frame.JpegDecoder;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.memory.ImageBudget;
import dev.camstream.consumer.topic.LoggedFrame;
import dev.camstream.consumer.topic.UnitLog;

/**
 * Encodes a range of frames as an H.264 MP4 while the range is read, into a stream: fragmented MP4 (a
 * fragment per key frame, a second apart), which needs no seeking back and which browsers, VLC and ffplay
 * play. The frame rate is the camera's, measured on the range's first frames; every frame is placed at its
 * capture time, so a camera that dropped frames keeps its pace (the last picture holds), and frames closer
 * together than the frame rate allows are left out. The range must be of one frame size; frames of another
 * size, or that do not decode, are left out. The decoded image is held from the image budget, like every
 * other decoded image of the consumer.
 */
public final class ClipEncoder {

    // Frames looked at to measure the rate, before encoding starts.
    private static final int RATE_SAMPLE = 8;
    private static final double LOWEST_RATE = 1;
    private static final double HIGHEST_RATE = 60;
    // Bits per pixel of each frame: about 2.3 Mbit/s at 720p and 25 fps.
    private static final double BITS_PER_PIXEL = 0.1;

    private ClipEncoder() {
    }

    /** What was written: frames encoded, and frames of the range left out. */
    public record Result(int frames, int skipped) {
    }

    /**
     * Encodes the frames of {@code range} into {@code output}, decoding them one at a time into an image held
     * from {@code budget}; a range of coded video (wire format v2) is remuxed instead ({@link ClipRemuxer}).
     * {@code output} is not closed.
     */
    public static Result encode(FrameRange range, OutputStream output, ImageBudget budget, UnitLog units)
            throws IOException {
        Optional<LoggedFrame> next = range.next();
        if (next.isEmpty()) {
            return new Result(0, 0);
        }
        if (!next.get().frame().isJpeg()) {
            // The camera's own video: remuxed as it is, nothing decoded or encoded.
            return ClipRemuxer.remux(next.get(), range, units, output);
        }
        List<FrameRecord> first = new ArrayList<>(RATE_SAMPLE);
        first.add(next.get().frame());
        while (first.size() < RATE_SAMPLE && (next = range.next()).isPresent()) {
            first.add(next.get().frame());
        }
        FrameRecord opening = first.get(0);
        double rate = rate(first);
        try (ImageBudget.Reservation reserved = reserve(budget, opening);
                FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(output, opening.width(), opening.height(), 0);
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
                JpegDecoder decoder = new JpegDecoder(); Mat image = new Mat()) {
            recorder.setCloseOutputStream(false);
            recorder.setFormat("mp4");
            recorder.setOption("movflags", "frag_keyframe+empty_moov+default_base_moof");
            recorder.setVideoCodec(AV_CODEC_ID_H264);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(rate);
            recorder.setGopSize((int) Math.round(rate));
            recorder.setVideoBitrate((int) Math.min(Integer.MAX_VALUE,
                    BITS_PER_PIXEL * opening.width() * opening.height() * rate));
            recorder.start();
            Clip clip = new Clip(recorder, converter, decoder, image, opening, rate);
            first.forEach(clip::add);
            while ((next = range.next()).isPresent()) {
                clip.add(next.get().frame());
            }
            recorder.stop();
            return new Result(clip.frames, clip.skipped);
        } catch (FrameRecorder.Exception e) {
            throw new IOException("encoding the clip failed: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static ImageBudget.Reservation reserve(ImageBudget budget, FrameRecord frame) throws IOException {
        try {
            return budget.tryReserve((long) frame.width() * frame.height() * 3, ImageBudget.REQUEST_WAIT)
                    .orElseThrow(() -> new IOException("image memory stayed taken for " + ImageBudget.REQUEST_WAIT.toSeconds()
                            + " s: the clip was not encoded"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for image memory", e);
        }
    }

    /** The camera's frame rate: from the median time between the first frames, within sensible bounds. */
    static double rate(List<FrameRecord> frames) {
        if (frames.size() < 2) {
            return 25;
        }
        long[] gaps = new long[frames.size() - 1];
        for (int i = 1; i < frames.size(); i++) {
            gaps[i - 1] = frames.get(i).captureTimeMicros() - frames.get(i - 1).captureTimeMicros();
        }
        Arrays.sort(gaps);
        long median = gaps[gaps.length / 2];
        double rate = median <= 0 ? HIGHEST_RATE : 1_000_000.0 / median;
        return Math.max(LOWEST_RATE, Math.min(HIGHEST_RATE, Math.round(rate * 1000) / 1000.0));
    }

    /** The frames being written, each at the frame number of its capture time. */
    private static final class Clip {
        private final FFmpegFrameRecorder recorder;
        private final OpenCVFrameConverter.ToMat converter;
        private final JpegDecoder decoder;
        private final Mat image;
        private final FrameRecord opening;
        private final double rate;
        private long nextNumber;
        private int frames;
        private int skipped;

        Clip(FFmpegFrameRecorder recorder, OpenCVFrameConverter.ToMat converter, JpegDecoder decoder, Mat image,
                FrameRecord opening, double rate) {
            this.recorder = recorder;
            this.converter = converter;
            this.decoder = decoder;
            this.image = image;
            this.opening = opening;
            this.rate = rate;
        }

        void add(FrameRecord frame) {
            long number = Math.round((frame.captureTimeMicros() - opening.captureTimeMicros()) * rate / 1_000_000);
            if (number < nextNumber || !frame.isJpeg() || frame.width() != opening.width()
                    || frame.height() != opening.height() || number > Integer.MAX_VALUE) {
                skipped++;
                return;
            }
            try {
                decoder.decode(frame.jpeg(), image);
                recorder.setFrameNumber((int) number);
                recorder.record(converter.convert(image));
                nextNumber = number + 1;
                frames++;
            } catch (RejectedRecordException e) {
                skipped++;
            } catch (FrameRecorder.Exception e) {
                // Most often the client went away and the output stream failed under the encoder.
                throw new UncheckedIOException(new IOException("encoding the clip failed: " + e.getMessage(), e));
            }
        }
    }
}
