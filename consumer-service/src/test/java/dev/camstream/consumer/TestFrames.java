package dev.camstream.consumer;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.awaitility.Awaitility;
import org.bytedeco.opencv.opencv_core.Scalar;

import io.restassured.RestAssured;
import io.smallrye.reactive.messaging.memory.InMemorySource;

/** Builds JPEGs of known content and records of wire formats v1 and v2, as the producer would. */
public final class TestFrames {

    private TestFrames() {
    }

    /** A solid-colour image, channels given as R, G, B. */
    public static Mat solid(int width, int height, int r, int g, int b) {
        return new Mat(height, width, CV_8UC3, new Scalar(b, g, r, 0));
    }

    public static byte[] jpeg(Mat image) {
        try (BytePointer output = new BytePointer()) {
            imencode(".jpg", image, output);
            byte[] bytes = new byte[(int) output.limit()];
            output.get(bytes);
            return bytes;
        }
    }

    public static byte[] solidJpeg(int width, int height, int r, int g, int b) {
        try (Mat image = solid(width, height, r, g, b)) {
            return jpeg(image);
        }
    }

    public static RecordHeaders v1Headers(String camera, long seq, long captureMicros, int width, int height) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, "content-type", "image/jpeg");
        add(headers, "camera-id", camera);
        add(headers, "frame-seq", Long.toString(seq));
        add(headers, "capture-time-us", Long.toString(captureMicros));
        add(headers, "width", Integer.toString(width));
        add(headers, "height", Integer.toString(height));
        add(headers, "format-version", "1");
        return headers;
    }

    /** Headers of wire format v2: an H.264 access unit, with its parameter sets if given (keyframes). */
    public static RecordHeaders v2Headers(String camera, long seq, long captureMicros, int width, int height,
            boolean keyframe, byte[] parameterSets) {
        RecordHeaders headers = v1Headers(camera, seq, captureMicros, width, height);
        add(headers, "content-type", "video/h264");
        add(headers, "format-version", "2");
        add(headers, "codec", "h264");
        add(headers, "keyframe", Boolean.toString(keyframe));
        if (parameterSets != null) {
            add(headers, "codec-parameters", Base64.getEncoder().encodeToString(parameterSets));
        }
        return headers;
    }

    public static ConsumerRecord<String, byte[]> record(String key, RecordHeaders headers, byte[] value, long offset) {
        return new ConsumerRecord<>("frames", 0, offset, System.currentTimeMillis(), TimestampType.CREATE_TIME,
                key == null ? -1 : key.length(), value == null ? -1 : value.length, key, value, headers, Optional.empty());
    }

    /** A valid v1 record of a solid-colour frame captured now. */
    public static ConsumerRecord<String, byte[]> frame(String camera, long seq, int width, int height, int r, int g, int b) {
        return record(camera, v1Headers(camera, seq, nowMicros(), width, height), solidJpeg(width, height, r, g, b), seq);
    }

    /**
     * Waits until the channel processes frames, re-sending a warm-up frame meanwhile: right after a Quarkus
     * restart the in-memory channel may not be subscribed yet, and what is sent before that is lost.
     */
    public static void awaitChannelLive(InMemorySource<ConsumerRecord<String, byte[]>> source) {
        AtomicLong seq = new AtomicLong();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            source.send(frame("warmup", seq.incrementAndGet(), 16, 16, 0, 0, 0));
            return RestAssured.get("/stats/latest?camera=warmup").statusCode() == 200;
        });
    }

    public static long nowMicros() {
        return System.currentTimeMillis() * 1000;
    }

    public static void add(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
