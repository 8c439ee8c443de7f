package dev.camstream.producer.grab;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import dev.camstream.producer.camera.Camera;
import dev.camstream.producer.camera.Encoding;
import dev.camstream.producer.passthrough.AccessUnitReader;
import dev.camstream.producer.passthrough.PassthroughUnavailableException;
import dev.camstream.producer.status.CameraMetrics;
import dev.camstream.producer.status.CameraState;
import dev.camstream.producer.status.CameraStatus;
import dev.camstream.producer.status.EncodingStatus;

/**
 * The loop of one camera on its own thread: open, grab, stamp with the capture time, hand on (as JPEG or
 * passed through, see {@link FrameStream}). Whatever goes wrong inside an attempt, a camera error or any other
 * {@link Throwable} (a missing native library, an allocation failure, a bug), ends that attempt only: it is
 * recorded as the camera's failure and the camera is reopened with backoff. Only {@link #stop()} ends the
 * thread. Only this thread touches the input and the encoders.
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
        try (VideoInput input = inputs.apply(camera)) {
            FFmpegLogging.takeLastError();
            input.start();
            try (FrameStream frames = frameStream(input)) {
                String ended = pump(frames);
                return running ? ended : null;
            }
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

    /** The camera's own stream if it asked for passthrough and has one to pass; its pictures as JPEGs otherwise. */
    private FrameStream frameStream(VideoInput input) throws IOException {
        if (camera.options().encoding() == Encoding.PASSTHROUGH) {
            try {
                AccessUnitReader reader = input.accessUnits();
                status.encoding(EncodingStatus.passthrough(reader.codec()));
                return new PassthroughFrames(camera, reader, status, metrics, sink, this::nextSeq);
            } catch (PassthroughUnavailableException e) {
                EncodingStatus fallback = EncodingStatus.jpegInsteadOfPassthrough(e.getMessage());
                if (!fallback.equals(status.encoding())) {
                    LOG.infof("%s: sent as JPEG: %s", camera.id(), e.getMessage());
                }
                status.encoding(fallback);
                return new JpegFrames(camera, input, status, metrics, sink, this::nextSeq);
            }
        }
        status.encoding(EncodingStatus.JPEG);
        return new JpegFrames(camera, input, status, metrics, sink, this::nextSeq);
    }

    private long nextSeq() {
        return ++seq;
    }

    private String pump(FrameStream frames) throws Exception {
        Pacer pacer = new Pacer();
        CaptureClock clock = new CaptureClock();
        long framesThisPass = 0;
        long lastCaptureMicros = nowMicros();
        while (running) {
            if (!frames.advance()) {
                // A lost RTSP server and the end of a file look alike: no frame, no exception. Files loop.
                if (framesThisPass > 0 && frames.rewind()) {
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
                capturedMicros = clock.captureMicros(frames.timestampMicros(), arrivedMicros);
                // When a camera stops answering, the decoder gives up the frame it held once the read times out:
                // a picture from before the silence. The stream is lost; reopen it now rather than after a
                // second timeout.
                Optional<Duration> silent = silentFor(capturedMicros, arrivedMicros);
                if (silent.isPresent()) {
                    return CameraStatus.silence(silent.get());
                }
            } else {
                long delay = pacer.delayNanos(frames.timestampMicros(), System.nanoTime());
                if (delay > 0 && stopped.await(delay, TimeUnit.NANOSECONDS)) {
                    return null;
                }
            }
            lastCaptureMicros = capturedMicros;
            if (!streamedThisAttempt) {
                onStreaming();
            }
            status.grabbed(Instant.EPOCH.plus(capturedMicros, ChronoUnit.MICROS));
            frames.handOn(capturedMicros);
        }
        return null;
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
