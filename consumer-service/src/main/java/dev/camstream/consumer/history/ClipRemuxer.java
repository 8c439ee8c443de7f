package dev.camstream.consumer.history;

import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avformat.avio_flush;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import dev.camstream.consumer.frame.FrameRecord;
import dev.camstream.consumer.frame.VideoUnit;
import dev.camstream.consumer.topic.LoggedFrame;
import dev.camstream.consumer.topic.UnitLog;

/**
 * Writes a passthrough camera's range as fragmented MP4 without decoding or encoding anything: its access
 * units, as the camera coded them, go to FFmpeg's MP4 muxer (which rewrites Annex B to MP4's length-prefixed
 * form) with their capture times. A clip starts at the camera's last keyframe at or before the range's start,
 * so its first picture decodes; it ends early where the stream changes codec or size (an MP4 track has one).
 */
final class ClipRemuxer {

    private static final int IO_BUFFER = 64 * 1024;
    // The output streams of the clips being written, by their muxer: FFmpeg's write callback finds them here.
    private static final Map<Long, OutputStream> OUTPUTS = new ConcurrentHashMap<>();
    private static final WriteToStream WRITE = new WriteToStream().retainReference();

    private ClipRemuxer() {
    }

    /** Writes {@code first} and the rest of {@code range} into {@code output}, which is not closed. */
    static ClipEncoder.Result remux(LoggedFrame first, FrameRange range, UnitLog log, OutputStream output)
            throws IOException {
        List<FrameRecord> leadIn = first.frame().video().keyframe() ? List.of()
                : log.unitsSinceKeyframe(first.frame().cameraId(), first.partition(), first.offset());
        FrameRecord opening = leadIn.isEmpty() ? first.frame() : leadIn.get(0);
        try (Muxer muxer = new Muxer(opening, output)) {
            leadIn.forEach(muxer::add);
            muxer.add(first.frame());
            for (Optional<LoggedFrame> next = range.next(); next.isPresent(); next = range.next()) {
                muxer.add(next.get().frame());
            }
            muxer.finish();
            return new ClipEncoder.Result(muxer.written, muxer.skipped);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** One clip's MP4 muxer, fed units in order; units before the first keyframe, or after a change, are left out. */
    private static final class Muxer implements AutoCloseable {
        private final FrameRecord opening;
        private final AVFormatContext context = new AVFormatContext(null);
        private final AVPacket packet = av_packet_alloc();
        private AVIOContext io;
        private AVStream stream;
        private boolean started;
        private boolean ended;
        private long lastDts = -1;
        int written;
        int skipped;

        Muxer(FrameRecord opening, OutputStream output) throws IOException {
            this.opening = opening;
            if (avformat_alloc_output_context2(context, null, "mp4", null) < 0) {
                throw new IOException("FFmpeg has no MP4 muxer");
            }
            io = avio_alloc_context(new BytePointer(av_malloc(IO_BUFFER)), IO_BUFFER, 1, context, null, WRITE, null);
            context.pb(io);
            OUTPUTS.put(context.address(), output);
            stream = avformat_new_stream(context, null);
            AVCodecParameters parameters = stream.codecpar();
            parameters.codec_type(AVMEDIA_TYPE_VIDEO);
            parameters.codec_id(opening.video().codec().ffmpegId());
            parameters.width(opening.width());
            parameters.height(opening.height());
            byte[] parameterSets = opening.video().parameterSetsOf(opening.data());
            if (parameterSets.length > 0) {
                // Annex B parameter sets: the muxer writes them as MP4's decoder configuration.
                BytePointer extradata = new BytePointer(av_mallocz(parameterSets.length + AV_INPUT_BUFFER_PADDING_SIZE));
                extradata.put(parameterSets, 0, parameterSets.length);
                parameters.extradata(extradata);
                parameters.extradata_size(parameterSets.length);
            }
            stream.time_base(av_make_q(1, 1_000_000));
            AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "movflags", "frag_keyframe+empty_moov+default_base_moof", 0);
            int header = avformat_write_header(context, options);
            av_dict_free(options);
            if (header < 0) {
                throw new IOException("the MP4 muxer refused the stream's parameters");
            }
        }

        void add(FrameRecord frame) {
            VideoUnit unit = frame.video();
            boolean follows = unit != null && unit.codec() == opening.video().codec()
                    && frame.width() == opening.width() && frame.height() == opening.height();
            if (ended || !follows || (!started && !unit.keyframe())) {
                ended |= started && !follows;
                skipped++;
                return;
            }
            started = true;
            // Strictly increasing times, as MP4 needs, even if two units share a capture time.
            long dts = Math.max(frame.captureTimeMicros() - opening.captureTimeMicros(), lastDts + 1);
            lastDts = dts;
            if (av_new_packet(packet, frame.data().length) < 0) {
                throw new IllegalStateException("out of native memory for a " + frame.data().length + "-byte unit");
            }
            packet.data().put(frame.data(), 0, frame.data().length);
            packet.pts(dts);
            packet.dts(dts);
            packet.stream_index(stream.index());
            packet.flags(unit.keyframe() ? AV_PKT_FLAG_KEY : 0);
            // The muxer may have chosen another time base for the track: rescaled by the write below.
            av_packet_rescale_ts(packet, av_make_q(1, 1_000_000), stream.time_base());
            if (av_interleaved_write_frame(context, packet) < 0) {
                // Most often the client went away and the output stream failed under the muxer.
                throw new UncheckedIOException(new IOException("writing the clip failed"));
            }
            written++;
        }

        void finish() throws IOException {
            if (av_write_trailer(context) < 0) {
                throw new IOException("finishing the clip failed");
            }
            avio_flush(io);
        }

        @Override
        public void close() {
            OUTPUTS.remove(context.address());
            av_packet_free(packet);
            if (io != null) {
                av_free(io.buffer()); // the muxer may have replaced the buffer given: free the one it has
                avio_context_free(io);
                io = null;
            }
            avformat_free_context(context);
        }
    }

    /** FFmpeg's write callback: hands the muxer's bytes to its clip's output stream. */
    private static final class WriteToStream extends Write_packet_Pointer_BytePointer_int {
        @Override
        public int call(Pointer opaque, BytePointer buffer, int size) {
            OutputStream output = OUTPUTS.get(opaque.address());
            if (output == null) {
                return -1;
            }
            try {
                byte[] bytes = new byte[size];
                buffer.get(bytes, 0, size);
                output.write(bytes);
                return size;
            } catch (IOException e) {
                return -1;
            }
        }
    }
}
