package dev.camstream.producer.passthrough;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_flush;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_get_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_init;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_send_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.av_parser_close;
import static org.bytedeco.ffmpeg.global.avcodec.av_parser_init;
import static org.bytedeco.ffmpeg.global.avcodec.av_parser_parse2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_seek_file;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.util.Optional;

import org.bytedeco.ffmpeg.avcodec.AVBSFContext;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVCodecParserContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;

import dev.camstream.producer.frame.VideoCodec;

/**
 * Reads a camera's own H.264 or H.265 from an opened FFmpeg input, one access unit at a time, without
 * decoding: the demuxer gives the packets, FFmpeg's parser reads the parameter sets (for the size and
 * whether a unit is a keyframe; it looks at headers only), and a file's MP4-form packets are rewritten to
 * Annex B, the wire's form, by FFmpeg's bitstream filter. RTSP already delivers Annex B. Used by the
 * camera's thread only.
 */
public final class AccessUnitReader implements AutoCloseable {

    private static final AVRational MICROS = av_make_q(1, 1_000_000);
    // FFmpeg's PARSER_FLAG_COMPLETE_FRAMES (libavcodec/avcodec.h), which JavaCV does not map: each packet is
    // one whole access unit already, so the parser need not look for where units end.
    private static final int PARSER_FLAG_COMPLETE_FRAMES = 0x0001;

    private final FFmpegFrameGrabber grabber;
    private final AVFormatContext format;
    private final int streamIndex;
    private final VideoCodec codec;
    private final AVRational timeBase;
    private final AVCodecParameters parameters;
    private final AVBSFContext toAnnexB;
    private final AVPacket filtered;
    private final AVCodecParserContext parser;
    private final AVCodecContext parserContext;
    private final PointerPointer<BytePointer> parsedData = new PointerPointer<>(1);
    private final IntPointer parsedSize = new IntPointer(1);
    private byte[] parameterSets;

    private AccessUnitReader(FFmpegFrameGrabber grabber, int streamIndex, VideoCodec codec) throws IOException {
        this.grabber = grabber;
        this.format = grabber.getFormatContext();
        this.streamIndex = streamIndex;
        this.codec = codec;
        AVStream stream = format.streams(streamIndex);
        this.timeBase = stream.time_base();
        this.parameters = stream.codecpar();
        byte[] extradata = extradata(parameters);
        boolean annexB = extradata.length == 0 || ParameterSets.isAnnexB(extradata);
        this.parameterSets = annexB && extradata.length > 0 ? ParameterSets.in(codec, extradata) : null;
        this.toAnnexB = annexB ? null : annexBFilter(codec, stream);
        this.filtered = annexB ? null : av_packet_alloc();
        this.parser = av_parser_init(codec.ffmpegId());
        this.parserContext = avcodec_alloc_context3((AVCodec) null);
        if (parser == null || parserContext == null || avcodec_parameters_to_context(parserContext, parameters) < 0) {
            close();
            throw new IOException("FFmpeg has no parser for " + codec.wireName());
        }
        parser.flags(parser.flags() | PARSER_FLAG_COMPLETE_FRAMES);
    }

    /** The reader of the input's video stream; throws with the reason if that stream cannot pass through. */
    public static AccessUnitReader open(FFmpegFrameGrabber grabber) throws PassthroughUnavailableException, IOException {
        AVFormatContext format = grabber.getFormatContext();
        int index = format == null ? -1 : av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        if (index < 0) {
            throw new PassthroughUnavailableException("the source has no video stream");
        }
        int codecId = format.streams(index).codecpar().codec_id();
        Optional<VideoCodec> codec = VideoCodec.ofFfmpeg(codecId);
        if (codec.isEmpty()) {
            throw new PassthroughUnavailableException("the source sends " + avcodec_get_name(codecId).getString()
                    + "; passthrough carries h264 and h265");
        }
        return new AccessUnitReader(grabber, index, codec.get());
    }

    public VideoCodec codec() {
        return codec;
    }

    /** The next access unit of the video stream, or null when the stream ended or was lost. */
    public AccessUnit next() throws IOException {
        while (true) {
            if (toAnnexB != null && av_bsf_receive_packet(toAnnexB, filtered) == 0) {
                try {
                    return unit(filtered);
                } finally {
                    av_packet_unref(filtered);
                }
            }
            AVPacket packet;
            try {
                packet = grabber.grabPacket();
            } catch (FFmpegFrameGrabber.Exception e) {
                throw new IOException(e.getMessage(), e);
            }
            if (packet == null) {
                return null;
            }
            if (packet.stream_index() != streamIndex || packet.size() <= 0) {
                av_packet_unref(packet);
            } else if (toAnnexB == null) {
                try {
                    return unit(packet);
                } finally {
                    av_packet_unref(packet);
                }
            } else if (av_bsf_send_packet(toAnnexB, packet) < 0) {
                // The filter refused it (a damaged packet): it is dropped, as a decoder would.
                av_packet_unref(packet);
            }
        }
    }

    /** Starts a file over from its beginning. */
    public void rewind() throws IOException {
        if (avformat_seek_file(format, -1, Long.MIN_VALUE, 0, Long.MAX_VALUE, AVSEEK_FLAG_BACKWARD) < 0) {
            throw new IOException("cannot seek back to the start of the file");
        }
        if (toAnnexB != null) {
            av_bsf_flush(toAnnexB);
        }
    }

    private AccessUnit unit(AVPacket packet) {
        byte[] data = new byte[packet.size()];
        packet.data().get(data, 0, data.length);
        BytePointer bytes = packet.data();
        av_parser_parse2(parser, parserContext, parsedData, parsedSize, bytes, packet.size(), packet.pts(),
                packet.dts(), packet.pos());
        boolean keyframe = parser.key_frame() == 1 || (packet.flags() & AV_PKT_FLAG_KEY) != 0;
        byte[] inForce = null;
        if (keyframe) {
            byte[] inBand = ParameterSets.in(codec, data);
            if (inBand != null) {
                parameterSets = inBand;
            }
            inForce = parameterSets;
        }
        int width = parser.width() > 0 ? parser.width() : parameters.width();
        int height = parser.height() > 0 ? parser.height() : parameters.height();
        long timestamp = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
        long micros = timestamp == AV_NOPTS_VALUE ? -1 : av_rescale_q(timestamp, timeBase, MICROS);
        return new AccessUnit(data, keyframe, inForce, width, height, micros);
    }

    private static AVBSFContext annexBFilter(VideoCodec codec, AVStream stream) throws IOException {
        AVBSFContext filter = new AVBSFContext(null);
        if (av_bsf_alloc(av_bsf_get_by_name(codec.annexBFilter()), filter) < 0) {
            throw new IOException("FFmpeg has no " + codec.annexBFilter() + " filter");
        }
        if (avcodec_parameters_copy(filter.par_in(), stream.codecpar()) < 0) {
            av_bsf_free(filter);
            throw new IOException("cannot set up " + codec.annexBFilter());
        }
        filter.time_base_in(stream.time_base());
        if (av_bsf_init(filter) < 0) {
            av_bsf_free(filter);
            throw new IOException("cannot start " + codec.annexBFilter());
        }
        return filter;
    }

    private static byte[] extradata(AVCodecParameters parameters) {
        int size = parameters.extradata_size();
        if (size <= 0 || parameters.extradata() == null) {
            return new byte[0];
        }
        byte[] bytes = new byte[size];
        parameters.extradata().get(bytes, 0, size);
        return bytes;
    }

    /** Frees what this reader allocated; the grabber belongs to the input and is closed there. */
    @Override
    public void close() {
        if (toAnnexB != null) {
            av_bsf_free(toAnnexB);
        }
        if (filtered != null) {
            av_packet_free(filtered);
        }
        if (parser != null) {
            av_parser_close(parser);
        }
        if (parserContext != null) {
            avcodec_free_context(parserContext);
        }
        parsedData.close();
        parsedSize.close();
    }
}
