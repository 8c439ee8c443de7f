package dev.camstream.consumer.web;

import static dev.camstream.consumer.TestFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.camstream.consumer.kafka.Channels;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;

/** The MJPEG and SSE streams while a camera sends 20 frames a second on the in-memory channel. */
@QuarkusTest
class LiveStreamsTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    StreamClients clients;

    @TestHTTPResource("/")
    URL base;

    private ScheduledExecutorService camera;

    @BeforeEach
    void startCamera() {
        InMemorySource<ConsumerRecord<String, byte[]>> frames = connector.source(Channels.FRAMES);
        AtomicLong seq = new AtomicLong();
        camera = Executors.newSingleThreadScheduledExecutor();
        camera.scheduleAtFixedRate(() -> {
            long next = seq.incrementAndGet();
            frames.send(frame("live", next, 160, 120, (int) (next * 10 % 256), 80, 160));
        }, 0, 50, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stopCamera() {
        camera.shutdownNow();
    }

    @Test
    void mjpegStreamDeliversCompleteJpegPartsAndReleasesTheClient() throws IOException {
        await().atMost(Duration.ofSeconds(10)).until(() -> status("stats/latest?camera=live") == 200);
        HttpURLConnection connection = open("frames/stream?camera=live");
        try (InputStream in = connection.getInputStream()) {
            assertThat(connection.getContentType()).startsWith("multipart/x-mixed-replace;boundary=camstream-frame");
            List<Long> seqs = new ArrayList<>();
            for (int part = 0; part < 3; part++) {
                String headers = readUntilBlankLine(in);
                assertThat(headers).startsWith("--camstream-frame\r\n").contains("Content-Type: image/jpeg")
                        .contains("X-Camera-Id: live");
                int length = Integer.parseInt(headers.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                byte[] jpeg = in.readNBytes(length);
                assertThat(jpeg).hasSize(length);
                assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
                assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
                assertThat(jpeg[length - 2] & 0xFF).isEqualTo(0xFF);
                assertThat(jpeg[length - 1] & 0xFF).isEqualTo(0xD9);
                assertThat(new String(in.readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("\r\n");
                seqs.add(Long.parseLong(headers.replaceAll("(?s).*X-Frame-Seq: (\\d+).*", "$1")));
            }
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            assertThat(clients.mjpeg()).isEqualTo(1);
        } finally {
            connection.disconnect();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> clients.mjpeg() == 0);
    }

    @Test
    void sseStreamDeliversStatisticsEventsAndReleasesTheClient() throws IOException {
        HttpURLConnection connection = open("stats/stream?camera=live");
        try (InputStream in = connection.getInputStream()) {
            assertThat(connection.getContentType()).startsWith("text/event-stream");
            List<String> events = new ArrayList<>();
            while (events.size() < 3) {
                String line = readLine(in);
                if (line.startsWith("data:")) {
                    events.add(line);
                }
            }
            assertThat(events).allSatisfy(event -> assertThat(event).contains("\"camera\":\"live\"")
                    .contains("\"mean\":{").contains("\"motion\":"));
            assertThat(clients.sse()).isEqualTo(1);
        } finally {
            connection.disconnect();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> clients.sse() == 0);
    }

    private HttpURLConnection open(String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        connection.setReadTimeout(10_000);
        return connection;
    }

    private int status(String path) throws IOException {
        HttpURLConnection connection = open(path);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static String readUntilBlankLine(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            headers.append(line).append("\r\n");
        }
        return headers.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
