package dev.camstream.producer.camera;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.jboss.logging.Logger;

import dev.camstream.producer.frame.CapturedFrame;
import dev.camstream.producer.frame.JpegEncoder;
import dev.camstream.producer.frame.JpegEncoder.EncodedJpeg;

/**
 * The loop of one camera on its own thread: open, grab, limit, encode, hand on; on any failure or end of
 * stream, reopen with backoff. Only this thread touches the grabber and the encoder.
 */
final class CameraWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(CameraWorker.class);
    // JavaCV appends advice meant for its developers, such as "(Has setFormat() been called?)".
    private static final Pattern JAVACV_HINTS = Pattern.compile(
            "\\s*(" + Pattern.quote("(Has setFormat() been called?)") + "|"
                    + Pattern.quote("(For more details, make sure FFmpegLogCallback.set() has been called.)") + ")");

    private final Camera camera;
    private final CameraStatus status;
    private final CameraMetrics metrics;
    private final FrameSink sink;
    private final Backoff backoff;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private long seq;
    private int failuresInARow;
    private String lastLoggedError;

    CameraWorker(Camera camera, CameraStatus status, CameraMetrics metrics, FrameSink sink, Backoff backoff) {
        this.camera = camera;
        this.status = status;
        this.metrics = metrics;
        this.sink = sink;
        this.backoff = backoff;
    }

    @Override
    public void run() {
        try (JpegEncoder encoder = new JpegEncoder(camera.options().jpegQuality(), camera.options().maxWidth())) {
            while (running) {
                status.state(CameraState.CONNECTING);
                String failure = streamUntilFailure(encoder);
                if (!running) {
                    break;
                }
                Duration wait = backoff.next();
                onFailure(failure, wait);
                status.reconnecting();
                stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // Not a camera problem but a bug or a missing native library: say so, the thread is lost.
            LOG.errorf("%s: camera thread stopped: %s", camera.id(), camera.source().mask(String.valueOf(e)));
            status.failed(String.valueOf(e));
        } finally {
            status.state(CameraState.STOPPED);
        }
    }

    void stop() {
        running = false;
        stopped.countDown();
    }

    /** Streams until the camera fails or ends; returns why (masked later), or null when stopped. */
    private String streamUntilFailure(JpegEncoder encoder) {
        try (FFmpegFrameGrabber grabber = GrabberFactory.create(camera)) {
            FFmpegLogging.takeLastError();
            grabber.start();
            String ended = pump(grabber, encoder);
            return running ? ended : null;
        } catch (Exception e) {
            String failure = e.getMessage() != null ? JAVACV_HINTS.matcher(e.getMessage()).replaceAll("")
                    : e.getClass().getSimpleName();
            String cause = FFmpegLogging.takeLastError();
            return cause == null ? failure : failure + " [ffmpeg: " + cause + "]";
        }
    }

    private String pump(FFmpegFrameGrabber grabber, JpegEncoder encoder) throws Exception {
        Pacer pacer = new Pacer();
        FrameRateLimiter limiter = new FrameRateLimiter(camera.options().maxFps());
        boolean first = true;
        long framesThisPass = 0;
        while (running) {
            long grabStart = System.nanoTime();
            Frame frame = grabber.grabImage();
            metrics.grabbed(System.nanoTime() - grabStart);
            if (frame == null) {
                // JavaCV signals a lost RTSP server and the end of a file alike with null, no exception.
                if (camera.source().kind() == CameraSource.Kind.FILE && framesThisPass > 0) {
                    grabber.setTimestamp(0L);
                    pacer.reset();
                    framesThisPass = 0;
                    continue;
                }
                return "stream ended";
            }
            framesThisPass++;
            if (!camera.source().isLive()) {
                long delay = pacer.delayNanos(frame.timestamp, System.nanoTime());
                if (delay > 0 && stopped.await(delay, TimeUnit.NANOSECONDS)) {
                    return null;
                }
            }
            if (first) {
                onStreaming();
                first = false;
            }
            handle(frame, encoder, limiter);
        }
        return null;
    }

    private void handle(Frame frame, JpegEncoder encoder, FrameRateLimiter limiter) {
        Instant captured = Instant.now();
        status.grabbed(captured);
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
        EncodedJpeg jpeg = encoder.encode(frame);
        metrics.encoded(System.nanoTime() - encodeStart);
        long captureMicros = ChronoUnit.MICROS.between(Instant.EPOCH, captured);
        if (!sink.offer(new CapturedFrame(camera.id(), frameSeq, captureMicros, jpeg.width(), jpeg.height(),
                jpeg.bytes()))) {
            status.droppedByBackpressure();
        }
    }

    private void onStreaming() {
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
        status.failed(failure);
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
}
