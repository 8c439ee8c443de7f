package dev.camstream.producer.grab;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.bytedeco.ffmpeg.avutil.AVFrame;

import dev.camstream.producer.camera.Camera;
import dev.camstream.producer.camera.CameraOptions;
import dev.camstream.producer.camera.Encoding;
import dev.camstream.producer.camera.CameraSource;
import dev.camstream.producer.frame.BgrConverter;
import dev.camstream.producer.frame.JpegEncoder;

/**
 * Run in a JVM of its own by {@link TestPatternWithoutDevicesTest}: makes JPEGs from the built-in pattern the
 * way a camera thread does, and prints how many, so the parent can read which classes that needed.
 */
public final class TestPatternProbe {

    static final int FRAMES = 30;

    public static void main(String[] args) throws Exception {
        Camera camera = new Camera("probe", CameraSource.parse("testsrc?size=320x240&rate=25&noise=10"),
                new CameraOptions(Encoding.JPEG, 80, OptionalDouble.empty(), OptionalInt.empty(), "tcp", Duration.ofSeconds(1)));
        int encoded = 0;
        try (VideoInput input = VideoInput.of(camera);
                BgrConverter converter = new BgrConverter(OptionalInt.empty());
                JpegEncoder encoder = new JpegEncoder(80)) {
            input.start();
            for (int i = 0; i < FRAMES; i++) {
                AVFrame picture = input.grab();
                if (picture != null && encoder.encode(converter.convert(picture)).length > 0) {
                    encoded++;
                }
            }
        }
        System.out.println("probe encoded " + encoded + " frames");
        List.of(args).forEach(System.out::println);
    }
}
