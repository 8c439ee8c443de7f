package dev.camstream.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * True colours from SD and HD cameras: GStreamer RTSP cameras of solid red, green and blue at 640x480 (its caps
 * make them BT.601) and 1280x720 (BT.709), H.264 in limited range. Each camera's statistics, and the JPEG the
 * consumer serves, must be the source colour within 3 levels: the producer converts with the matrix each
 * stream signals, so a 720p red is 255, not the 232 of a BT.601 reading.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ColourIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final double TOLERANCE = 3.0;
    private static final String[] COLOURS = { "red=ff0000", "green=00ff00", "blue=0000ff" };
    private static final String[] SIZES = { "sd=640x480", "hd=1280x720" };

    private TestCamera cameras;
    private LocalPipeline pipeline;

    @BeforeAll
    void startPipeline() throws IOException {
        Path workDir = Files.createDirectories(Path.of("target", "colour-" + System.currentTimeMillis())).toAbsolutePath();
        List<String> mounts = new ArrayList<>();
        for (String colour : COLOURS) {
            for (String size : SIZES) {
                // Few frames at a low bitrate: a solid colour needs no more, and six cameras share two cores.
                mounts.add(name(colour) + "-" + name(size) + "=" + value(colour) + ":" + value(size) + ":5:300");
            }
        }
        cameras = TestCamera.start(workDir, mounts.toArray(String[]::new));
        pipeline = new LocalPipeline(workDir.resolve("data"), mounts.stream()
                .map(mount -> name(mount) + "=" + cameras.url(name(mount))).toArray(String[]::new));
    }

    @AfterAll
    void stopPipeline() {
        ManagedProcess.closeAll(pipeline, cameras);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "red-sd, 255, 0, 0, bt601", "green-sd, 0, 255, 0, bt601", "blue-sd, 0, 0, 255, bt601",
            "red-hd, 255, 0, 0, bt709", "green-hd, 0, 255, 0, bt709", "blue-hd, 0, 0, 255, bt709" })
    void cameraKeepsItsTrueColour(String camera, int r, int g, int b, String matrix) throws IOException {
        await().atMost(WAIT).until(() -> given().get(pipeline.consumerUrl() + "/stats/latest?camera=" + camera)
                .statusCode() == 200);

        JsonPath stats = given().get(pipeline.consumerUrl() + "/stats/latest?camera=" + camera).jsonPath();
        assertThat(stats.getDouble("mean.r")).as("%s mean red", camera).isCloseTo(r, within(TOLERANCE));
        assertThat(stats.getDouble("mean.g")).as("%s mean green", camera).isCloseTo(g, within(TOLERANCE));
        assertThat(stats.getDouble("mean.b")).as("%s mean blue", camera).isCloseTo(b, within(TOLERANCE));

        Response frame = given().get(pipeline.consumerUrl() + "/frames/latest?camera=" + camera);
        assertThat(frame.statusCode()).isEqualTo(200);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(frame.asByteArray()));
        // The bottom-right corner, away from the annotation panel.
        int rgb = image.getRGB(image.getWidth() - 20, image.getHeight() - 20);
        assertThat((rgb >> 16) & 0xFF).as("%s JPEG red", camera).isCloseTo(r, within(3));
        assertThat((rgb >> 8) & 0xFF).as("%s JPEG green", camera).isCloseTo(g, within(3));
        assertThat(rgb & 0xFF).as("%s JPEG blue", camera).isCloseTo(b, within(3));

        JsonPath producer = given().get(pipeline.producerUrl() + "/cameras").jsonPath()
                .setRootPath("find { it.id == '" + camera + "' }");
        assertThat(producer.getString("colour.matrix")).isEqualTo(matrix);
        assertThat(producer.getBoolean("colour.matrixSignalled")).isTrue();
        assertThat(producer.getString("colour.range")).isEqualTo("tv");
    }

    private static String name(String pair) {
        return pair.substring(0, pair.indexOf('='));
    }

    private static String value(String pair) {
        return pair.substring(pair.indexOf('=') + 1);
    }
}
