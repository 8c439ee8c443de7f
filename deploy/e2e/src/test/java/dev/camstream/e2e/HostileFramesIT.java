package dev.camstream.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Frames as large as the wire format allows (8K), from many camera ids at once, with viewers asking for them
 * meanwhile, against the consumer of deploy/local/run.sh with its default memory budgets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileFramesIT {

    private static final int WIDTH = 7680;
    private static final int HEIGHT = 4320;
    private static final int CAMERAS = 16;
    // camstream.image-memory (256 MB by default) of decoded images, the heap growing to run.sh's -Xmx, and
    // slack for native allocators. Without the budgets each 8K camera kept about 276 MB.
    private static final long MAX_RSS_GROWTH_KB = 640 * 1024;

    private LocalPipeline pipeline;

    @BeforeAll
    void start() throws IOException {
        Path workDir = Files.createDirectories(Path.of("target", "hostile-" + System.currentTimeMillis())).toAbsolutePath();
        pipeline = new LocalPipeline(workDir.resolve("data"), "test=testsrc?size=320x240&rate=5");
    }

    @AfterAll
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void eightKFramesFromManyCamerasStayWithinTheMemoryBudgets() throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get(pipeline.consumerUrl() + "/stats/latest?camera=test").statusCode() == 200);
        ProcessHandle consumer = pipeline.process("consumer-service");
        byte[] jpeg = eightKJpeg();
        long baselineKb = ManagedProcess.rssKb(consumer);
        AtomicLong peakKb = new AtomicLong(baselineKb);
        AtomicInteger latestCamera = new AtomicInteger(-1);
        AtomicInteger framesServed = new AtomicInteger();
        AtomicBoolean flooding = new AtomicBoolean(true);
        ExecutorService background = Executors.newFixedThreadPool(4);
        try {
            background.submit(() -> {
                while (flooding.get()) {
                    peakKb.accumulateAndGet(ManagedProcess.rssKb(consumer), Math::max);
                    ManagedProcess.sleep(100);
                }
            });
            for (int viewer = 0; viewer < 3; viewer++) {
                background.submit(() -> {
                    while (flooding.get()) {
                        int camera = latestCamera.get();
                        if (camera < 0 || given().get(pipeline.consumerUrl() + "/frames/latest?camera=huge-" + camera)
                                .statusCode() != 200) {
                            ManagedProcess.sleep(100);
                        } else {
                            framesServed.incrementAndGet();
                        }
                    }
                });
            }
            try (KafkaProducer<String, byte[]> producer = producer()) {
                for (int camera = 0; camera < CAMERAS; camera++) {
                    String id = "huge-" + camera;
                    producer.send(new ProducerRecord<>("frames", null, id, jpeg, headers(id))).get();
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(
                            () -> given().get(pipeline.consumerUrl() + "/stats/latest?camera=" + id).statusCode() == 200);
                    latestCamera.set(camera);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> framesServed.get() >= CAMERAS / 2);
        } finally {
            flooding.set(false);
            background.shutdown();
            background.awaitTermination(30, TimeUnit.SECONDS);
        }
        System.out.printf("8K flood: %d cameras, %d annotated 8K frames served; consumer RSS %d MB before, at most %d MB%n",
                CAMERAS, framesServed.get(), baselineKb / 1024, peakKb.get() / 1024);
        List<String> ids = given().get(pipeline.consumerUrl() + "/cameras").jsonPath().getList("id", String.class);
        assertThat(ids).as("every 8K camera processed").hasSize(CAMERAS + 1);
        assertThat(peakKb.get() - baselineKb).as("consumer RSS growth in KiB").isLessThan(MAX_RSS_GROWTH_KB);
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers());
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 10 * 1024 * 1024);
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static RecordHeaders headers(String camera) {
        RecordHeaders headers = new RecordHeaders();
        Map.of("content-type", "image/jpeg", "camera-id", camera, "frame-seq", "1",
                "capture-time-us", Long.toString(System.currentTimeMillis() * 1000), "width", Integer.toString(WIDTH),
                "height", Integer.toString(HEIGHT), "format-version", "1")
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    /** A diagonal gradient at 8K: a JPEG of a couple of megabytes, within the broker's record limit. */
    private static byte[] eightKJpeg() throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int i = (y * WIDTH + x) * 3;
                pixels[i] = (byte) (x * 255 / WIDTH);
                pixels[i + 1] = (byte) (y * 255 / HEIGHT);
                pixels[i + 2] = (byte) 128;
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", jpeg);
        return jpeg.toByteArray();
    }
}
