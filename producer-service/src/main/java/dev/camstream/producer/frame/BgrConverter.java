package dev.camstream.producer.frame;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.util.OptionalInt;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns a decoded picture into the BGR pixels that are encoded, in one swscale pass: the colour matrix and
 * range chosen by {@link ColourRules} (swscale itself would read every YUV picture as BT.601), and the
 * downscale to {@code max-width} with area averaging. The output is full-range RGB, which a JPEG stores as
 * JFIF's BT.601 full-range YCbCr whatever the camera sent. One converter per camera thread: the context and
 * the output image are reused from frame to frame.
 */
public final class BgrConverter implements AutoCloseable {

    private static final int UNITY = 1 << 16;

    private final OptionalInt maxWidth;
    private final Mat bgr = new Mat();
    // A header over a BGR picture's own pixels, for sources that already deliver what is encoded.
    private Mat view;
    private final PointerPointer<?> outputPlanes = new PointerPointer<>(4);
    private final IntPointer outputStrides = new IntPointer(4);
    private SwsContext context;
    private long detailsContext;
    private ColourRules.Choice detailsChoice;
    private ColourDescription colour;

    public BgrConverter(OptionalInt maxWidth) {
        this.maxWidth = maxWidth;
    }

    /** The picture as BGR, at most {@code max-width} wide; valid until the next call and while the picture is. */
    public Mat convert(AVFrame picture) {
        int width = picture.width();
        int height = picture.height();
        int format = picture.format();
        int outWidth = width;
        int outHeight = height;
        if (maxWidth.isPresent() && width > maxWidth.getAsInt()) {
            outWidth = maxWidth.getAsInt();
            outHeight = Math.max(1, (int) Math.round((double) height * outWidth / width));
        }
        if (format == AV_PIX_FMT_BGR24 && outWidth == width) {
            // Already BGR at its size (the built-in pattern): no pass over the pixels, not even a copy.
            colour = ColourDescription.RGB;
            closeView();
            view = new Mat(height, width, CV_8UC3, picture.data(0), picture.linesize(0));
            return view;
        }
        bgr.create(outHeight, outWidth, CV_8UC3);
        // Bilinear is what the grabber used for the chroma planes; area averages the pixels a downscale merges.
        int flags = outWidth < width ? SWS_AREA : SWS_BILINEAR;
        context = sws_getCachedContext(context, width, height, format, outWidth, outHeight, AV_PIX_FMT_BGR24, flags,
                null, null, (DoublePointer) null);
        if (context == null) {
            throw new IllegalStateException("swscale cannot convert pixel format " + format + " at " + width + "x"
                    + height + " to BGR");
        }
        applyColour(picture, height, format);
        outputPlanes.put(0, bgr.data());
        outputStrides.put(0, (int) bgr.step());
        sws_scale(context, picture.data(), picture.linesize(), 0, height, outputPlanes, outputStrides);
        return bgr;
    }

    /** The colour description of the last picture converted; null before the first. */
    public ColourDescription colour() {
        return colour;
    }

    private void applyColour(AVFrame picture, int height, int format) {
        AVPixFmtDescriptor descriptor = av_pix_fmt_desc_get(format);
        if (descriptor == null || (descriptor.flags() & AV_PIX_FMT_FLAG_RGB) != 0) {
            colour = ColourDescription.RGB;
            return;
        }
        ColourRules.Choice choice = ColourRules.forYuv(picture.colorspace(), picture.color_range(), isYuvj(format),
                height);
        colour = choice.description();
        // A new context (the size or format changed) starts from swscale's defaults: set the details again.
        if (context.address() != detailsContext || !choice.equals(detailsChoice)) {
            int result = sws_setColorspaceDetails(context, sws_getCoefficients(choice.swsColourspace()),
                    choice.fullRange() ? 1 : 0, sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, UNITY, UNITY);
            if (result < 0) {
                throw new IllegalStateException("swscale cannot convert with the " + colour.matrix() + " matrix");
            }
            detailsContext = context.address();
            detailsChoice = choice;
        }
    }

    private static boolean isYuvj(int format) {
        return format == AV_PIX_FMT_YUVJ420P || format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUVJ444P
                || format == AV_PIX_FMT_YUVJ440P || format == AV_PIX_FMT_YUVJ411P;
    }

    private void closeView() {
        if (view != null) {
            view.close();
            view = null;
        }
    }

    @Override
    public void close() {
        closeView();
        sws_freeContext(context);
        context = null;
        bgr.close();
        outputPlanes.close();
        outputStrides.close();
    }
}
