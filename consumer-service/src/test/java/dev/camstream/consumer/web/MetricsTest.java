package dev.camstream.consumer.web;

import static dev.camstream.consumer.TestFrames.frame;
import static dev.camstream.consumer.TestFrames.nowMicros;
import static dev.camstream.consumer.TestFrames.record;
import static dev.camstream.consumer.TestFrames.solidJpeg;
import static dev.camstream.consumer.TestFrames.v1Headers;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.camstream.consumer.TestFrames;
import dev.camstream.consumer.kafka.Channels;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;

/** What /q/metrics says after known records went through the in-memory channel. */
@QuarkusTest
class MetricsTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @BeforeEach
    void channelLive() {
        TestFrames.awaitChannelLive(connector.source(Channels.FRAMES));
    }

    @Test
    void framesGapsStaleAndBadRecordsMoveExactlyTheirCounters() {
        InMemorySource<ConsumerRecord<String, byte[]>> frames = connector.source(Channels.FRAMES);
        double invalidKeysBefore = countSoFar(scrape(), "camstream_consumer_records_rejected_total{reason=\"invalid-key\"}");

        frames.send(frame("metered", 1, 64, 48, 10, 20, 30));
        frames.send(frame("metered", 2, 64, 48, 10, 20, 30));
        frames.send(frame("metered", 4, 64, 48, 10, 20, 30));
        frames.send(record("metered", v1Headers("metered", 5, nowMicros() - 60_000_000, 64, 48),
                solidJpeg(64, 48, 1, 1, 1), 5));
        frames.send(record("not a camera", v1Headers("not a camera", 1, nowMicros(), 64, 48), new byte[10], 6));
        frames.send(frame("metered", 6, 64, 48, 10, 20, 30));

        await().atMost(Duration.ofSeconds(10)).until(() -> countSoFar(scrape(),
                "camstream_consumer_frames_processed_total{camera=\"metered\"}") == 4);
        String metrics = scrape();
        assertThat(value(metrics, "camstream_consumer_sequence_gaps_total{camera=\"metered\"}")).isEqualTo(1);
        assertThat(value(metrics, "camstream_consumer_frames_skipped_total{camera=\"metered\"}")).isEqualTo(1);
        assertThat(value(metrics, "camstream_consumer_latency_seconds_count{camera=\"metered\"}")).isEqualTo(4);
        assertThat(value(metrics, "camstream_consumer_decode_seconds_count{camera=\"metered\"}")).isEqualTo(4);
        assertThat(value(metrics, "camstream_consumer_records_rejected_total{reason=\"invalid-key\"}"))
                .isEqualTo(invalidKeysBefore + 1);
        assertThat(metrics).contains("camstream_consumer_latency_seconds{camera=\"metered\",quantile=\"0.99\"}");
    }

    @Test
    void floodOfRandomInvalidKeysCreatesNoNewSeries() {
        InMemorySource<ConsumerRecord<String, byte[]>> frames = connector.source(Channels.FRAMES);
        frames.send(frame("warmup", 1, 64, 48, 0, 0, 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> scrape().contains("camera=\"warmup\""));
        String before = scrape();
        double rejectedBefore = countSoFar(before, "camstream_consumer_records_rejected_total{reason=\"invalid-key\"}");

        for (int i = 0; i < 500; i++) {
            String key = "../" + UUID.randomUUID() + " " + i;
            frames.send(record(key, v1Headers(key, i, nowMicros(), 64, 48), solidJpeg(8, 8, 0, 0, 0), i));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> countSoFar(scrape(),
                "camstream_consumer_records_rejected_total{reason=\"invalid-key\"}") == rejectedBefore + 500);
        // No new series of camstream's (series of the JVM come and go with its garbage collections; a camera
        // of another test may expire meanwhile).
        assertThat(camstreamSeries(scrape())).isSubsetOf(camstreamSeries(before));
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The series' value; a series missing from the scrape fails the test (a renamed meter must not pass). */
    private static double value(String metrics, String series) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        assertThat(matcher.find()).as("series %s in the scrape", series).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    /** The value of a counter that exists only once it has counted something: 0 until then. */
    private static double countSoFar(String metrics, String series) {
        return metrics.contains(series + " ") ? value(metrics, series) : 0;
    }

    /** Every series (name and labels) of camstream's in the scrape, without values. */
    private static Set<String> camstreamSeries(String metrics) {
        return metrics.lines().filter(line -> line.startsWith("camstream_"))
                .map(line -> line.substring(0, line.lastIndexOf(' '))).collect(Collectors.toSet());
    }
}
