package dev.camstream.consumer.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
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
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.frame.VideoCodec;

/**
 * One camera's H.264 or H.265 decoder (FFmpeg's, on one thread, in low-delay mode: a camera's stream has no
 * reordered frames to wait for, so every unit gives its picture at once). Units go in decode order, from a
 * keyframe on; a unit that does not decode, or decodes with errors, is rejected, and the caller starts again
 * at a keyframe. Not thread-safe: used by one thread at a time.
 */
public final class VideoDecoder implements AutoCloseable {

    // FFmpeg's AV_FRAME_FLAG_CORRUPT (libavutil/frame.h), which JavaCV does not map: the picture was decoded
    // with errors concealed.
    private static final int AV_FRAME_FLAG_CORRUPT = 1;

    private final VideoCodec codec;
    private final AVCodecContext context;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame picture = av_frame_alloc();

    public VideoDecoder(VideoCodec codec) {
        this.codec = codec;
        AVCodec decoder = avcodec_find_decoder(codec.ffmpegId());
        if (decoder == null) {
            throw new IllegalStateException("FFmpeg has no " + codec.wireName() + " decoder");
        }
        context = avcodec_alloc_context3(decoder);
        // One thread: frame threading would delay each picture by a frame per thread, and cameras decode in
        // parallel with each other's processing anyway.
        context.thread_count(1);
        context.flags(context.flags() | AV_CODEC_FLAG_LOW_DELAY);
        if (avcodec_open2(context, decoder, (AVDictionary) null) < 0) {
            close();
            throw new IllegalStateException("cannot open FFmpeg's " + codec.wireName() + " decoder");
        }
    }

    public VideoCodec codec() {
        return codec;
    }

    /** Forgets the pictures decoded so far: the next unit must be a keyframe. */
    public void reset() {
        avcodec_flush_buffers(context);
    }

    /**
     * Decodes one unit (for a keyframe, with its parameter sets in front); true if it gave a picture, then
     * valid in {@link #picture()} until the next call.
     */
    public boolean decode(byte[] input) throws RejectedRecordException {
        av_frame_unref(picture);
        if (av_new_packet(packet, input.length) < 0) {
            throw new IllegalStateException("out of native memory for a " + input.length + "-byte unit");
        }
        try {
            packet.data().put(input, 0, input.length);
            int sent = avcodec_send_packet(context, packet);
            if (sent < 0 && sent != AVERROR_EAGAIN()) {
                throw new RejectedRecordException(RejectReason.UNDECODABLE, codec.wireName() + " unit does not decode");
            }
        } finally {
            av_packet_unref(packet);
        }
        int received = avcodec_receive_frame(context, picture);
        if (received == AVERROR_EAGAIN()) {
            return false;
        }
        if (received < 0 || (picture.flags() & AV_FRAME_FLAG_CORRUPT) != 0 || picture.decode_error_flags() != 0) {
            throw new RejectedRecordException(RejectReason.UNDECODABLE, codec.wireName() + " unit decodes with errors");
        }
        return true;
    }

    /** The picture the last {@link #decode} gave, in the stream's own pixel format and colour description. */
    public AVFrame picture() {
        return picture;
    }

    @Override
    public void close() {
        av_frame_free(picture);
        av_packet_free(packet);
        avcodec_free_context(context);
    }
}
