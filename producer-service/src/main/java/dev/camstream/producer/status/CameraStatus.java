package dev.camstream.producer.status;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import dev.camstream.producer.camera.Camera;
import dev.camstream.producer.frame.ColourDescription;
import dev.camstream.producer.frame.DeliveryReport;

/**
 * Live counters and state of one camera, written by its grabber thread and by the Kafka send callbacks,
 * read by REST and health. Errors are stored already masked.
 */
public final class CameraStatus implements DeliveryReport {

    private static final int FPS_WINDOW_SECONDS = 5;

    private final Camera camera;
    private final AtomicLong grabbed = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong droppedBackpressure = new AtomicLong();
    private final AtomicLong droppedTooLarge = new AtomicLong();
    private final AtomicLong droppedSendFailed = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong awaitingKeyframe = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final RateMeter sentRate = new RateMeter(FPS_WINDOW_SECONDS);
    private volatile CameraState state = CameraState.CONNECTING;
    private volatile Instant lastFrameAt;
    private volatile String lastError;
    private volatile int width;
    private volatile int height;
    private volatile ColourDescription colour;
    private volatile EncodingStatus encoding;

    public CameraStatus(Camera camera) {
        this.camera = camera;
    }

    public String id() {
        return camera.id();
    }

    public CameraState state() {
        return state;
    }

    public synchronized void state(CameraState state) {
        this.state = state;
    }

    /** An attempt ended with this error; the camera waits in {@code state} (reconnecting or failed) to be reopened. */
    public synchronized void failed(String error, CameraState state) {
        lastError = camera.source().mask(error);
        this.state = state;
        reconnects.incrementAndGet();
    }

    /** How the frames travel since the camera was last opened. */
    public void encoding(EncodingStatus encoding) {
        this.encoding = encoding;
    }

    public EncodingStatus encoding() {
        return encoding;
    }

    /** The size and colour description of the last frame encoded (no colour for a stream passed through). */
    public void picture(int width, int height, ColourDescription colour) {
        this.width = width;
        this.height = height;
        this.colour = colour;
    }

    public synchronized void grabbed(Instant at) {
        grabbed.incrementAndGet();
        lastFrameAt = at;
        // A frame is handed on: the camera streams, also after a silence the watchdog saw that ended without
        // the stream being lost.
        state = CameraState.STREAMING;
    }

    /**
     * Called by the watchdog while the camera's thread may be blocked in a read: a streaming camera silent for
     * longer than its {@code timeout} is reconnecting, and says why, without waiting for the read to give up.
     */
    public synchronized void checkSilence(Instant now) {
        Instant last = lastFrameAt;
        if (state != CameraState.STREAMING || last == null) {
            return;
        }
        Duration silent = Duration.between(last, now);
        if (silent.compareTo(camera.options().timeout()) >= 0) {
            lastError = silence(silent);
            state = CameraState.RECONNECTING;
        }
    }

    /** How a camera that stopped sending is described: {@code no frame for 10 s}. */
    public static String silence(Duration silent) {
        return "no frame for " + silent.toSeconds() + " s";
    }

    public void rateLimited() {
        rateLimited.incrementAndGet();
    }

    /** A passed-through unit not sent because the stream sent so far has no keyframe yet to decode it from. */
    public void awaitingKeyframe() {
        awaitingKeyframe.incrementAndGet();
    }

    public void droppedByBackpressure() {
        droppedBackpressure.incrementAndGet();
    }

    @Override
    public void sent(int bytes) {
        sent.incrementAndGet();
        bytesSent.addAndGet(bytes);
        sentRate.mark(System.currentTimeMillis());
    }

    @Override
    public boolean droppedTooLarge() {
        return droppedTooLarge.incrementAndGet() == 1;
    }

    @Override
    public void sendFailed(String error) {
        droppedSendFailed.incrementAndGet();
        lastError = camera.source().mask(error);
    }

    public CameraSnapshot snapshot() {
        long backpressure = droppedBackpressure.get();
        long tooLarge = droppedTooLarge.get();
        long sendFailed = droppedSendFailed.get();
        return new CameraSnapshot(camera.id(), camera.source().kind().label(), camera.source().redacted(), state,
                grabbed.get(), sent.get(), bytesSent.get(), backpressure + tooLarge + sendFailed, backpressure,
                tooLarge, sendFailed, rateLimited.get(), awaitingKeyframe.get(), reconnects.get(),
                sentRate.perSecond(System.currentTimeMillis()), width, height, encoding, colour, lastFrameAt, lastError);
    }
}
