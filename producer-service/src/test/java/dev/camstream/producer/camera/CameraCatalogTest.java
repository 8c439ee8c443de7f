package dev.camstream.producer.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class CameraCatalogTest {

    @Test
    void readsCamerasFromMapAndList() {
        List<Camera> cameras = load(Map.of(
                "camstream.cameras.door.url", "rtsp://admin:pw@10.0.0.5/stream",
                "camstream.cameras.door.max-fps", "5",
                "camstream.cameras.door.max-width", "640",
                "camstream.cameras.door.encoding", "passthrough",
                "camstream.camera-list", "lab=testsrc?size=320x240&rate=10, clip=file:/videos/a.mp4"));

        assertThat(cameras).extracting(Camera::id).containsExactly("door", "lab", "clip");
        Camera door = cameras.get(0);
        assertThat(door.source().kind()).isEqualTo(CameraSource.Kind.RTSP);
        assertThat(door.options().maxFps()).hasValue(5.0);
        assertThat(door.options().maxWidth()).hasValue(640);
        assertThat(door.options().jpegQuality()).isEqualTo(80);
        assertThat(door.options().rtspTransport()).isEqualTo("tcp");
        assertThat(door.options().encoding()).isEqualTo(Encoding.PASSTHROUGH);

        Camera lab = cameras.get(1);
        assertThat(lab.source().kind()).isEqualTo(CameraSource.Kind.TESTSRC);
        assertThat(lab.source().target()).isEqualTo("testsrc2=size=320x240:rate=10");

        assertThat(lab.options().encoding()).as("the default").isEqualTo(Encoding.JPEG);

        Camera clip = cameras.get(2);
        assertThat(clip.source().kind()).isEqualTo(CameraSource.Kind.FILE);
        assertThat(clip.source().target()).isEqualTo("/videos/a.mp4");
    }

    @Test
    void listCamerasTakeTheDefaults() {
        Camera camera = load(Map.of(
                "camstream.camera-list", "a=testsrc",
                "camstream.defaults.jpeg-quality", "65",
                "camstream.defaults.max-fps", "2.5",
                "camstream.defaults.timeout", "3s",
                "camstream.defaults.encoding", "passthrough")).get(0);

        assertThat(camera.options().jpegQuality()).isEqualTo(65);
        assertThat(camera.options().maxFps()).hasValue(2.5);
        assertThat(camera.options().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(camera.options().encoding()).isEqualTo(Encoding.PASSTHROUGH);
    }

    @Test
    void rejectsBadIdNamingIt() {
        assertThatThrownBy(() -> load(Map.of("camstream.camera-list", "front door=testsrc")))
                .isInstanceOf(InvalidCameraConfigException.class)
                .hasMessageContaining("camera 'front door': id must be 1-64 characters");
    }

    @Test
    void rejectsIdLongerThan64() {
        String id = "c".repeat(65);
        assertThatThrownBy(() -> load(Map.of("camstream.camera-list", id + "=testsrc")))
                .hasMessageContaining("id must be 1-64 characters");
    }

    @Test
    void rejectsUnsupportedSchemeWithoutShowingPassword() {
        assertThatThrownBy(() -> load(Map.of("camstream.camera-list", "web=http://admin:hunter2@cam/mjpeg")))
                .isInstanceOf(InvalidCameraConfigException.class)
                .hasMessageContaining("camera 'web': has unsupported source scheme 'http'")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void rejectsDuplicateIdAcrossMapAndList() {
        assertThatThrownBy(() -> load(Map.of(
                "camstream.cameras.door.url", "testsrc",
                "camstream.camera-list", "door=rtsp://x:secret@cam/")))
                .hasMessageContaining("camera 'door': configured more than once")
                .hasMessageNotContaining("secret");
    }

    @Test
    void rejectsEntryWithoutIdWithoutShowingPassword() {
        assertThatThrownBy(() -> load(Map.of("camstream.camera-list", "rtsp://x:secret@cam/")))
                .hasMessageContaining("camera list entry 1")
                .hasMessageContaining("is not id=url")
                .hasMessageNotContaining("secret");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> load(Map.of(
                "camstream.cameras.a.url", "testsrc",
                "camstream.cameras.a.jpeg-quality", "0",
                "camstream.cameras.b.url", "testsrc?size=big",
                "camstream.cameras.c.url", "rtsp://cam/",
                "camstream.cameras.c.rtsp-transport", "carrier-pigeon")))
                .hasMessageContaining("camera 'a': jpeg-quality must be 1-100")
                .hasMessageContaining("camera 'b': has a testsrc size that is not WxH")
                .hasMessageContaining("camera 'c': rtsp-transport must be one of");
    }

    @Test
    void emptyListMeansNoCameras() {
        assertThat(load(Map.of("camstream.camera-list", " "))).isEmpty();
        assertThat(load(Map.of())).isEmpty();
    }

    @Test
    void cameraToStringHidesPassword() {
        Camera camera = load(Map.of("camstream.camera-list", "d=rtsp://u:topsecret@cam/")).get(0);
        assertThat(camera.toString()).doesNotContain("topsecret").contains("u:***@cam");
    }

    private static List<Camera> load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(CamstreamConfig.class)
                // Quarkus reads "10s" and "500ms"; plain SmallRye Config needs its converter to do the same.
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return CameraCatalog.load(config.getConfigMapping(CamstreamConfig.class));
    }
}
