package dev.camstream.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.path.json.JsonPath;

/** The live page of consumer-service in a real headless Chromium, over the whole pipeline with RTSP cameras. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerIT {

    private static final Pattern MEAN = Pattern.compile("R ([\\d.]+) G ([\\d.]+) B ([\\d.]+)");

    private Path workDir;
    private TestCamera cameras;
    private LocalPipeline pipeline;

    @BeforeAll
    void startPipeline() throws IOException {
        workDir = Files.createDirectories(Path.of("target", "viewer-" + System.currentTimeMillis())).toAbsolutePath();
        cameras = TestCamera.start(workDir, "lobby=ball:640x480", "bars=smpte:640x480", "solid=3366cc:320x240");
        pipeline = new LocalPipeline(workDir.resolve("data"), "lobby=" + cameras.url("lobby"),
                "bars=" + cameras.url("bars"), "solid=" + cameras.url("solid"));
    }

    @AfterAll
    void stopPipeline() {
        ManagedProcess.closeAll(pipeline, cameras);
    }

    @Test
    void pageShowsEveryCameraLiveWithItsStatistics() throws IOException {
        ChromeDriver browser = Browser.start(workDir.resolve("chromium"), 1280, 800);
        try {
            browser.get(pipeline.consumerUrl() + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(b -> b.findElements(By.cssSelector(".tile[data-state=live]")).size() == 3);
            assertThat(browser.findElements(By.cssSelector(".tile")).stream().map(t -> t.getAttribute("data-camera")))
                    .containsExactly("bars", "lobby", "solid");

            // The moving camera's picture changes: two different frames, different pixels.
            WebElement lobby = browser.findElement(By.cssSelector(".tile[data-camera=lobby]"));
            wait.until(b -> lobby.getAttribute("data-seq") != null);
            String firstSeq = lobby.getAttribute("data-seq");
            long firstPixels = pixelChecksum(browser, "lobby");
            wait.until(b -> !firstSeq.equals(lobby.getAttribute("data-seq")) && pixelChecksum(browser, "lobby") != firstPixels);

            // What the tile says is what /stats/latest says for that camera (a solid colour holds still).
            JsonPath stats = given().get(pipeline.consumerUrl() + "/stats/latest?camera=solid").jsonPath();
            WebElement solid = browser.findElement(By.cssSelector(".tile[data-camera=solid]"));
            Matcher shown = MEAN.matcher(solid.findElement(By.cssSelector(".mean")).getText());
            assertThat(shown.matches()).isTrue();
            assertThat(Double.parseDouble(shown.group(1))).isCloseTo(stats.getDouble("mean.r"), within(1.0));
            assertThat(Double.parseDouble(shown.group(2))).isCloseTo(stats.getDouble("mean.g"), within(1.0));
            assertThat(Double.parseDouble(shown.group(3))).isCloseTo(stats.getDouble("mean.b"), within(1.0));
            assertThat(solid.findElement(By.cssSelector(".luma")).getText())
                    .isEqualTo(String.format(Locale.ROOT, "luma %.1f", stats.getDouble("luma")));
            wait.until(b -> solid.findElement(By.cssSelector(".fps")).getText().endsWith("fps"));

            Path screenshot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(screenshot, workDir.resolve("viewer.png"), StandardCopyOption.REPLACE_EXISTING);

            // A tile opens large on click and closes with Escape.
            lobby.click();
            assertThat(lobby.getAttribute("class")).contains("large");
            browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
            assertThat(lobby.getAttribute("class")).doesNotContain("large");

            assertThat(Browser.consoleErrors(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }

    @Test
    void theTimelineGoesBackToTheFrameOfTheChosenMomentAndLiveReturns() throws IOException {
        ChromeDriver browser = Browser.start(workDir.resolve("chromium-history"), 1280, 900);
        try {
            browser.get(pipeline.consumerUrl() + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(b -> b.findElements(By.cssSelector(".tile[data-camera=lobby][data-state=live]")).size() == 1);
            WebElement lobby = browser.findElement(By.cssSelector(".tile[data-camera=lobby]"));
            lobby.click();
            WebElement timeline = lobby.findElement(By.cssSelector(".timeline"));
            // Some seconds of the camera in the topic to go back over.
            wait.until(b -> number(timeline, "max") - number(timeline, "min") > 8_000);

            // Drag the timeline's handle from its live end a third of the way back.
            int width = timeline.getSize().getWidth();
            new Actions(browser).moveToElement(timeline, width / 2 - 2, 0).clickAndHold()
                    .moveByOffset(-width / 3, 0).release().perform();
            wait.until(b -> lobby.getAttribute("data-capture-time") != null);
            Instant chosen = Instant.parse(lobby.getAttribute("data-chosen-time"));
            Instant captured = Instant.parse(lobby.getAttribute("data-capture-time"));
            Instant newest = Instant.ofEpochMilli(number(timeline, "max"));
            assertThat(chosen).isBefore(newest.minusSeconds(2));
            // The frame at or just before the chosen moment: the camera sends several a second.
            assertThat(captured).isBeforeOrEqualTo(chosen).isAfter(chosen.minusSeconds(1));
            assertThat(lobby.getAttribute("data-state")).isEqualTo("past");
            assertThat(lobby.findElement(By.cssSelector("img")).getAttribute("src")).startsWith("blob:");
            wait.until(b -> pixelChecksum(browser, "lobby") > 0);
            // The chart of the last minutes has points.
            wait.until(b -> number(lobby.findElement(By.cssSelector(".chart")), "data-points") > 0);
            Path screenshot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(screenshot, workDir.resolve("viewer-history.png"), StandardCopyOption.REPLACE_EXISTING);

            // The minute before that moment as a clip, played by the browser itself.
            long clipEnd = chosen.toEpochMilli();
            Object played = browser.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const video = document.createElement('video');
                    video.muted = true;
                    video.onloadeddata = () => done([video.videoWidth, video.videoHeight]);
                    video.onerror = () => done('error ' + (video.error && video.error.code));
                    video.src = arguments[0];
                    """, "clips?camera=lobby&from=" + (clipEnd - 5_000) + "&to=" + clipEnd);
            assertThat(played).isEqualTo(List.of(640L, 480L));

            lobby.findElement(By.cssSelector(".live-button")).click();
            wait.until(b -> lobby.findElement(By.cssSelector("img")).getAttribute("src").contains("frames/latest"));
            wait.until(b -> "live".equals(lobby.getAttribute("data-state")));
            assertThat(lobby.getAttribute("data-capture-time")).isNull();
            assertThat(Browser.consoleErrors(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }

    private static long number(WebElement element, String attribute) {
        String value = element.getAttribute(attribute);
        return value == null || value.isEmpty() ? 0 : (long) Double.parseDouble(value);
    }

    @Test
    void pageFitsAPhoneWithoutSideways() {
        ChromeDriver browser = Browser.start(workDir.resolve("chromium-phone"), 390, 844);
        try {
            browser.get(pipeline.consumerUrl() + "/");
            new WebDriverWait(browser, Duration.ofSeconds(60))
                    .until(b -> b.findElements(By.cssSelector(".tile[data-state=live]")).size() == 3);
            Long scrollWidth = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
            Long viewport = (Long) browser.executeScript("return window.innerWidth;");
            assertThat(scrollWidth).isLessThanOrEqualTo(viewport);
            assertThat(Browser.consoleErrors(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }

    /** A sum over the pixels of the tile's image as the browser decoded it. */
    private static long pixelChecksum(ChromeDriver browser, String camera) {
        Object sum = browser.executeScript("""
                const img = document.querySelector('.tile[data-camera="' + arguments[0] + '"] img');
                if (!img.complete || img.naturalWidth === 0) { return -1; }
                const canvas = document.createElement('canvas');
                canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
                const context = canvas.getContext('2d');
                context.drawImage(img, 0, 0);
                const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
                let sum = 0;
                for (let i = 0; i < data.length; i += 7) { sum += data[i] * (i % 251); }
                return sum;
                """, camera);
        return ((Number) sum).longValue();
    }
}
