package dev.camstream.consumer.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns a decoded picture into the 8-bit BGR the statistics and the annotation work on, in one swscale pass
 * with the colour matrix and range the stream signals (swscale alone would read every picture as BT.601),
 * and where it signals none, what players assume: BT.709 from 720 lines up, BT.601 below, limited range
 * unless the format is a full-range {@code yuvj} one: {@link ColourRules}, the producer's own rules before it
 * encodes JPEG (docs/frame-format.md), so a camera's statistics agree in either format. One per thread.
 */
public final class BgrPictures implements AutoCloseable {

    private static final int UNITY = 1 << 16;

    private final PointerPointer<?> planes = new PointerPointer<>(4);
    private final IntPointer strides = new IntPointer(4);
    private SwsContext context;
    private long detailsFor;
    private int detailsMatrix = -1;
    private boolean detailsFullRange;

    /** Converts {@code picture} into {@code target}, which is made the picture's size in BGR. */
    public void convert(AVFrame picture, Mat target) {
        int width = picture.width();
        int height = picture.height();
        int format = picture.format();
        target.create(height, width, CV_8UC3);
        context = sws_getCachedContext(context, width, height, format, width, height, AV_PIX_FMT_BGR24,
                SWS_BILINEAR, null, null, (DoublePointer) null);
        if (context == null) {
            throw new IllegalStateException("swscale cannot convert pixel format " + format + " to BGR");
        }
        boolean yuvj = format == AV_PIX_FMT_YUVJ420P || format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUVJ444P;
        ColourRules.Choice colour = ColourRules.forYuv(picture.colorspace(), picture.color_range(), yuvj, height);
        int matrix = colour.swsColourspace();
        boolean fullRange = colour.fullRange();
        // A new context (size or format changed) starts from swscale's defaults: set the details again.
        if (context.address() != detailsFor || matrix != detailsMatrix || fullRange != detailsFullRange) {
            sws_setColorspaceDetails(context, sws_getCoefficients(matrix), fullRange ? 1 : 0,
                    sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, UNITY, UNITY);
            detailsFor = context.address();
            detailsMatrix = matrix;
            detailsFullRange = fullRange;
        }
        planes.put(0, target.data());
        strides.put(0, (int) target.step());
        sws_scale(context, picture.data(), picture.linesize(), 0, height, planes, strides);
    }

    @Override
    public void close() {
        sws_freeContext(context);
        context = null;
        planes.close();
        strides.close();
    }
}
