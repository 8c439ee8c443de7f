package dev.camstream.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.path.json.JsonPath;

/**
 * Analysis over the whole pipeline: OpenCV's pedestrian video served as an RTSP camera by GStreamer, grabbed
 * by the producer, a camera definition with analysis settings put through the producer's API, people found
 * by the consumer, and their boxes seen on the live page in a real Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisPipelineIT {

    private static final Path PEDESTRIANS = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");
    private static final int WIDTH = 768;

    private Path workDir;
    private TestCamera cameras;
    private LocalPipeline pipeline;

    @BeforeAll
    void startPipeline() throws IOException {
        Project.require(Files.isReadable(PEDESTRIANS), "OpenCV's pedestrian video (Debian opencv-doc)");
        workDir = Files.createDirectories(Path.of("target", "analysis-" + System.currentTimeMillis())).toAbsolutePath();
        cameras = TestCamera.start(workDir, "square=" + PEDESTRIANS + ":768x576:10");
        pipeline = new LocalPipeline(workDir.resolve("data"), "square=" + cameras.url("square"));
        // Through the producer's API, as a user would: the registry carries the settings to the consumer.
        given().contentType("application/json")
                .body("{\"url\":\"" + cameras.url("square") + "\",\"maxFps\":10,\"analysis\":{\"detectors\":[\"people\"],"
                        + "\"fps\":5,\"zones\":{\"left\":[[0,0],[0.5,0],[0.5,1],[0,1]]}}}")
                .put(pipeline.producerUrl() + "/cameras/square").then().statusCode(200);
    }

    @AfterAll
    void stopPipeline() {
        ManagedProcess.closeAll(pipeline, cameras);
    }

    @Test
    void peopleWalkingInTheSquareAreFoundAndNamedWithTheirZone() {
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> latest().getList("objects").size() >= 2);
        JsonPath latest = latest();
        assertThat(latest.getString("detector")).isEqualTo("people");
        assertThat(latest.getInt("width")).isEqualTo(WIDTH);
        List<Map<String, Object>> objects = latest.getList("objects");
        assertThat(objects).allSatisfy(object -> {
            assertThat(object.get("label")).isEqualTo("person");
            @SuppressWarnings("unchecked")
            List<Integer> box = (List<Integer>) object.get("box");
            boolean left = (box.get(0) + box.get(2)) / 2.0 < WIDTH / 2.0;
            assertThat(object.get("zones")).isEqualTo(left ? List.of("left") : List.of());
        });
        JsonPath camera = given().get(pipeline.consumerUrl() + "/cameras").jsonPath().setRootPath("find { it.id == 'square' }");
        assertThat(camera.getList("analysis.detectors", String.class)).containsExactly("people");
        assertThat(camera.getList("analysis.problems")).isEmpty();
    }

    @Test
    void theLivePageShowsTheBoxesDrawnOnThePeople() throws IOException {
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> latest().getList("objects").size() >= 1);
        ChromeDriver browser = Browser.start(workDir.resolve("chromium"), 1280, 800);
        try {
            browser.get(pipeline.consumerUrl() + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(b -> b.findElements(By.cssSelector(".tile[data-camera=square][data-state=live]")).size() == 1);
            // Boxes are drawn in pure green, which the grey square of the video never shows (0 such pixels in any
            // of its frames): hundreds of them mean boxes on the page's picture.
            wait.until(b -> boxPixels(browser) > 300);
        } finally {
            browser.quit();
        }
    }

    private JsonPath latest() {
        return given().get(pipeline.consumerUrl() + "/detections/latest?camera=square").then().extract().jsonPath();
    }

    /** Pixels of the tile's picture in the boxes' green, counted in the browser. */
    private static long boxPixels(ChromeDriver browser) {
        Object count = browser.executeScript("""
                const img = document.querySelector('.tile[data-camera="square"] img');
                if (!img || !img.complete || img.naturalWidth === 0) { return -1; }
                const canvas = document.createElement('canvas');
                canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
                const context = canvas.getContext('2d');
                context.drawImage(img, 0, 0);
                const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
                let green = 0;
                for (let i = 0; i < data.length; i += 4) {
                    if (data[i + 1] > 180 && data[i] < 110 && data[i + 2] < 110) { green++; }
                }
                return green;
                """);
        return ((Number) count).longValue();
    }
}
