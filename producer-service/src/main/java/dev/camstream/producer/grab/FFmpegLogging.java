package dev.camstream.producer.grab;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import java.util.regex.Pattern;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.jboss.logging.Logger;

import dev.camstream.producer.camera.UrlRedactor;

/**
 * Takes over FFmpeg's own log, which by default goes straight to stderr, where a failed RTSP URL could show
 * its credentials. Lines are masked and logged at DEBUG; the last error seen on a camera thread is kept so
 * that thread's failure line can name the real cause ("401 Unauthorized") that JavaCV's exception omits.
 */
final class FFmpegLogging {

    private static final Logger LOG = Logger.getLogger("dev.camstream.producer.ffmpeg");
    // "[tcp @ 0x7f1fc026a080] " differs on every attempt; without it repeated errors compare equal.
    private static final Pattern CONTEXT_PREFIX = Pattern.compile("^\\[[^\\]]* @ 0x[0-9a-f]+\\]\\s*");
    private static final ThreadLocal<String> LAST_ERROR = new ThreadLocal<>();
    private static RedactingCallback callback;

    private FFmpegLogging() {
    }

    static synchronized void install() {
        if (callback != null) {
            return;
        }
        av_log_set_level(AV_LOG_WARNING);
        // The field keeps the callback reachable: FFmpeg holds only a native pointer to it.
        callback = new RedactingCallback();
        setLogCallback(callback);
    }

    /** The last error FFmpeg reported on this thread since the previous call, masked, or null. */
    static String takeLastError() {
        String error = LAST_ERROR.get();
        LAST_ERROR.remove();
        return error;
    }

    private static final class RedactingCallback extends LogCallback {
        @Override
        public void call(int level, BytePointer message) {
            String text = UrlRedactor.redact(CONTEXT_PREFIX.matcher(message.getString().strip()).replaceFirst(""));
            if (text.isEmpty()) {
                return;
            }
            if (level <= AV_LOG_ERROR) {
                LAST_ERROR.set(text);
            }
            LOG.debug(text);
        }
    }
}
