package dev.camstream.producer.grab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;

import dev.camstream.producer.camera.Camera;
import dev.camstream.producer.camera.CameraOptions;
import dev.camstream.producer.camera.CameraSource;
import dev.camstream.producer.camera.Encoding;
import dev.camstream.producer.frame.CapturedFrame;
import dev.camstream.producer.passthrough.AccessUnitReader;
import dev.camstream.producer.status.CameraSnapshot;
import dev.camstream.producer.status.CameraState;

class CameraWorkerTest {

    @Test
    void cameraWhoseSourceThrowsAnErrorIsRetriedWhileAnotherKeepsStreaming() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        CountingSink sink = new CountingSink();
        RunningCamera broken = RunningCamera.start(camera("broken", "testsrc"), sink, camera -> new ErrorOnStart(attempts));
        RunningCamera good = RunningCamera.start(camera("good", "testsrc?size=160x120&rate=50"), sink, VideoInput::of);
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(attempts).hasValueGreaterThanOrEqualTo(3);
                assertThat(good.status().snapshot().framesGrabbed()).isGreaterThanOrEqualTo(10);
            });
            CameraSnapshot failing = broken.status().snapshot();
            assertThat(failing.state()).isEqualTo(CameraState.FAILED);
            assertThat(failing.lastError()).contains("NoClassDefFoundError", "avdevice");
            assertThat(failing.reconnects()).isGreaterThanOrEqualTo(2);
            assertThat(broken.thread().isAlive()).isTrue();
            assertThat(good.status().state()).isEqualTo(CameraState.STREAMING);
            assertThat(good.status().snapshot().width()).isEqualTo(160);
            assertThat(sink.offered.get()).isGreaterThanOrEqualTo(10);
        } finally {
            broken.stop();
            good.stop();
        }
        assertThat(broken.status().state()).isEqualTo(CameraState.STOPPED);
        assertThat(good.status().state()).isEqualTo(CameraState.STOPPED);
    }

    @Test
    void describesAnErrorWithItsCauses() {
        Error error = new ExceptionInInitializerError(new IllegalStateException("no libpulse.so.0"));

        assertThat(CameraWorker.describe(error)).isEqualTo("java.lang.ExceptionInInitializerError"
                + " (cause: java.lang.IllegalStateException: no libpulse.so.0)");
    }

    private static Camera camera(String id, String url) {
        return new Camera(id, CameraSource.parse(url),
                new CameraOptions(Encoding.JPEG, 80, OptionalDouble.empty(), OptionalInt.empty(), "tcp", Duration.ofSeconds(1)));
    }

    /** A source that fails as the pattern did on a machine without libpulse0: with an Error, not an Exception. */
    private record ErrorOnStart(AtomicInteger attempts) implements VideoInput {
        @Override
        public void start() {
            attempts.incrementAndGet();
            throw new NoClassDefFoundError("Could not initialize class org.bytedeco.ffmpeg.global.avdevice");
        }

        @Override
        public AVFrame grab() {
            throw new AssertionError("never started");
        }

        @Override
        public AccessUnitReader accessUnits() {
            throw new AssertionError("never started");
        }

        @Override
        public long timestampMicros() {
            return 0;
        }

        @Override
        public boolean rewind() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    private static final class CountingSink implements FrameSink {
        final AtomicInteger offered = new AtomicInteger();

        @Override
        public boolean hasDemand() {
            return true;
        }

        @Override
        public boolean offer(CapturedFrame frame) {
            offered.incrementAndGet();
            return true;
        }
    }
}
