package dev.camstream.consumer;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Real H.264 for tests, from FFmpeg's OpenH264 encoder: access units in Annex B, as a camera in passthrough
 * sends them, with a keyframe (and its parameter sets in-band) every {@code gop} units.
 */
public final class TestVideo implements AutoCloseable {

    /** One access unit. */
    public record Unit(byte[] data, boolean keyframe) {
    }

    private final int width;
    private final int height;
    private final AVCodecContext encoder;
    private final AVFrame picture = av_frame_alloc();
    private final AVPacket packet = av_packet_alloc();
    private long pts;

    public TestVideo(int width, int height, int gop) {
        this.width = width;
        this.height = height;
        AVCodec codec = avcodec_find_encoder_by_name("libopenh264");
        encoder = avcodec_alloc_context3(codec);
        encoder.width(width);
        encoder.height(height);
        encoder.pix_fmt(AV_PIX_FMT_YUV420P);
        encoder.time_base(av_make_q(1, 25));
        encoder.framerate(av_make_q(25, 1));
        encoder.gop_size(gop);
        encoder.max_b_frames(0);
        encoder.bit_rate(400_000);
        if (avcodec_open2(encoder, codec, (AVDictionary) null) < 0) {
            throw new IllegalStateException("cannot open libopenh264");
        }
        picture.format(AV_PIX_FMT_YUV420P);
        picture.width(width);
        picture.height(height);
        av_frame_get_buffer(picture, 32);
    }

    /** {@code count} units of a solid colour (R, G, B), in BT.601 limited range as swscale converts by default. */
    public List<Unit> encode(int r, int g, int b, int count) {
        try (Mat image = TestFrames.solid(width, height, r, g, b);
                PointerPointer<?> planes = new PointerPointer<>(image.data(), null, null, null);
                IntPointer strides = new IntPointer((int) image.step(), 0, 0, 0)) {
            SwsContext toYuv = sws_getContext(width, height, AV_PIX_FMT_BGR24, width, height, AV_PIX_FMT_YUV420P,
                    SWS_BILINEAR, null, null, (DoublePointer) null);
            sws_scale(toYuv, planes, strides, 0, height, picture.data(), picture.linesize());
            sws_freeContext(toYuv);
        }
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picture.pts(pts++);
            avcodec_send_frame(encoder, picture);
            while (avcodec_receive_packet(encoder, packet) == 0) {
                byte[] data = new byte[packet.size()];
                packet.data().get(data);
                units.add(new Unit(data, (packet.flags() & AV_PKT_FLAG_KEY) != 0));
                av_packet_unref(packet);
            }
        }
        return units;
    }

    @Override
    public void close() {
        av_packet_free(packet);
        av_frame_free(picture);
        avcodec_free_context(encoder);
    }
}
