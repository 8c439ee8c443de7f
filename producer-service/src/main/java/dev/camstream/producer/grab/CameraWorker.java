package dev.camstream.producer.grab;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jboss.logging.Logger;

import dev.camstream.producer.camera.Camera;
import dev.camstream.producer.frame.BgrConverter;
import dev.camstream.producer.frame.CapturedFrame;
import dev.camstream.producer.frame.JpegEncoder;
import dev.camstream.producer.status.CameraMetrics;
import dev.camstream.producer.status.CameraState;
import dev.camstream.producer.status.CameraStatus;

/**
 * The loop of one camera on its own thread: open, grab, limit, convert, encode, hand on. Whatever goes wrong
 * inside an attempt, a camera error or any other {@link Throwable} (a missing native library, an allocation
 * failure, a bug), ends that attempt only: it is recorded as the camera's failure and the camera is reopened
 * with backoff. Only {@link #stop()} ends the thread. Only this thread touches the input and the encoders.
 */
final class CameraWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(CameraWorker.class);
    // JavaCV appends advice meant for its developers, such as "(Has setFormat() been called?)".
    private static final Pattern JAVACV_HINTS = Pattern.compile(
            "\\s*(" + Pattern.quote("(Has setFormat() been called?)") + "|"
                    + Pattern.quote("(For more details, make sure FFmpegLogCallback.set() has been called.)") + ")");

    private static final int MAX_CAUSES_SHOWN = 3;

    private final Camera camera;
    private final CameraStatus status;
    private final CameraMetrics metrics;
    private final FrameSink sink;
    private final Backoff backoff;
    private final Function<Camera, VideoInput> inputs;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private long seq;
    private int failuresInARow;
    private boolean streamedThisAttempt;
    private String lastLoggedError;

    CameraWorker(Camera camera, CameraStatus status, CameraMetrics metrics, FrameSink sink, Backoff backoff,
            Function<Camera, VideoInput> inputs) {
        this.camera = camera;
        this.status = status;
        this.metrics = metrics;
        this.sink = sink;
        this.backoff = backoff;
        this.inputs = inputs;
    }

    @Override
    public void run() {
        try {
            while (running) {
                streamedThisAttempt = false;
                String failure = streamUntilFailure();
                if (!running) {
                    break;
                }
                Duration wait = backoff.next();
                onFailure(failure, wait);
                stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            status.state(CameraState.STOPPED);
        }
    }

    void stop() {
        running = false;
        stopped.countDown();
    }

    /** Streams until the camera fails or ends; returns why (masked later), or null when stopped. */
    private String streamUntilFailure() {
        try (VideoInput input = inputs.apply(camera);
                BgrConverter converter = new BgrConverter(camera.options().maxWidth());
                JpegEncoder encoder = new JpegEncoder(camera.options().jpegQuality())) {
            FFmpegLogging.takeLastError();
            input.start();
            String ended = pump(input, converter, encoder);
            return running ? ended : null;
        } catch (Exception e) {
            String failure = e.getMessage() != null ? JAVACV_HINTS.matcher(e.getMessage()).replaceAll("")
                    : e.getClass().getSimpleName();
            String cause = FFmpegLogging.takeLastError();
            return cause == null ? failure : failure + " [ffmpeg: " + cause + "]";
        } catch (Throwable e) {
            // Not a camera problem but a missing library, a lack of memory or a bug: name it with its causes,
            // which say which library or limit (never a stack trace, whose messages may hold the URL).
            return describe(e);
        }
    }

    private String pump(VideoInput input, BgrConverter converter, JpegEncoder encoder) throws Exception {
        Pacer pacer = new Pacer();
        CaptureClock clock = new CaptureClock();
        FrameRateLimiter limiter = new FrameRateLimiter(camera.options().maxFps());
        long framesThisPass = 0;
        long lastCaptureMicros = nowMicros();
        while (running) {
            long grabStart = System.nanoTime();
            AVFrame picture = input.grab();
            metrics.grabbed(System.nanoTime() - grabStart);
            if (picture == null) {
                // A lost RTSP server and the end of a file look alike: null, no exception. Files loop.
                if (framesThisPass > 0 && input.rewind()) {
                    pacer.reset();
                    framesThisPass = 0;
                    continue;
                }
                return silentFor(lastCaptureMicros, nowMicros()).map(CameraStatus::silence).orElse("stream ended");
            }
            framesThisPass++;
            long arrivedMicros = nowMicros();
            long capturedMicros = arrivedMicros;
            if (camera.source().isLive()) {
                // A live camera's frame was captured when its own clock says: a buffered frame is not a new one.
                capturedMicros = clock.captureMicros(input.timestampMicros(), arrivedMicros);
                // When a camera stops answering, the decoder gives up the frame it held once the read times out:
                // a picture from before the silence. The stream is lost; reopen it now rather than after a
                // second timeout.
                Optional<Duration> silent = silentFor(capturedMicros, arrivedMicros);
                if (silent.isPresent()) {
                    return CameraStatus.silence(silent.get());
                }
            } else {
                long delay = pacer.delayNanos(input.timestampMicros(), System.nanoTime());
                if (delay > 0 && stopped.await(delay, TimeUnit.NANOSECONDS)) {
                    return null;
                }
            }
            lastCaptureMicros = capturedMicros;
            if (!streamedThisAttempt) {
                onStreaming();
            }
            handle(picture, capturedMicros, converter, encoder, limiter);
        }
        return null;
    }

    private void handle(AVFrame picture, long captureMicros, BgrConverter converter, JpegEncoder encoder,
            FrameRateLimiter limiter) {
        status.grabbed(Instant.EPOCH.plus(captureMicros, ChronoUnit.MICROS));
        if (!limiter.accept(System.nanoTime())) {
            status.rateLimited();
            return;
        }
        long frameSeq = ++seq;
        // Check demand before the JPEG is made: under backpressure the CPU is not spent on frames to drop.
        if (!sink.hasDemand()) {
            status.droppedByBackpressure();
            return;
        }
        long encodeStart = System.nanoTime();
        Mat bgr = converter.convert(picture);
        byte[] jpeg = encoder.encode(bgr);
        metrics.encoded(System.nanoTime() - encodeStart);
        status.picture(bgr.cols(), bgr.rows(), converter.colour());
        if (!sink.offer(new CapturedFrame(camera.id(), frameSeq, captureMicros, bgr.cols(), bgr.rows(), jpeg, status))) {
            status.droppedByBackpressure();
        }
    }

    private void onStreaming() {
        streamedThisAttempt = true;
        status.state(CameraState.STREAMING);
        backoff.reset();
        if (failuresInARow > 0) {
            LOG.infof("%s: streaming again after %d failed attempts", camera.id(), failuresInARow);
        } else {
            LOG.infof("%s: streaming from %s", camera.id(), camera.source().redacted());
        }
        failuresInARow = 0;
        lastLoggedError = null;
    }

    private void onFailure(String failure, Duration wait) {
        // Lost after it streamed: reconnecting. Could not be opened or read at all: failed. Both are retried.
        status.failed(failure, streamedThisAttempt ? CameraState.RECONNECTING : CameraState.FAILED);
        failuresInARow++;
        String masked = camera.source().mask(failure);
        // One line per change of trouble, not one per attempt: a camera down for a day retries thousands of times.
        if (!masked.equals(lastLoggedError)) {
            LOG.warnf("%s: %s; retrying in %d ms, then less and less often", camera.id(), masked, wait.toMillis());
            lastLoggedError = masked;
        } else {
            LOG.debugf("%s: attempt %d failed again: %s", camera.id(), failuresInARow, masked);
        }
    }

    /** How long before {@code nowMicros} a frame captured then was, if that is at least the camera's timeout. */
    private Optional<Duration> silentFor(long capturedMicros, long nowMicros) {
        Duration silent = Duration.of(nowMicros - capturedMicros, ChronoUnit.MICROS);
        return silent.compareTo(camera.options().timeout()) >= 0 ? Optional.of(silent) : Optional.empty();
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.toString());
        Throwable cause = error.getCause();
        for (int depth = 0; cause != null && depth < MAX_CAUSES_SHOWN; depth++, cause = cause.getCause()) {
            text.append(" (cause: ").append(cause).append(')');
        }
        return text.toString();
    }
}
