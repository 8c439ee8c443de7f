package dev.camstream.consumer.group;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.camstream.consumer.stats.FrameStatistics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes each processed frame's statistics to the statistics topic, keyed by camera id. Never holds up
 * processing: while the broker is away, statistics beyond a small buffer are dropped and counted (the next
 * frame's replace them anyway). Opened by the {@link StatisticsFollower} once the topic exists with its
 * settings, so that the broker never creates it with its defaults.
 */
@ApplicationScoped
public class StatisticsPublisher {

    static final String CHANNEL = "stats";
    private static final int BUFFER = 64;

    private final Emitter<String> emitter;
    private final StatisticsFormat format;
    private final Counter published;
    private final Counter dropped;
    private volatile boolean open;

    public StatisticsPublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER) Emitter<String> emitter,
            StatisticsFormat format, MeterRegistry registry) {
        this.emitter = emitter;
        this.format = format;
        this.published = Counter.builder("camstream.consumer.statistics.published")
                .description("Statistics records the broker acknowledged").register(registry);
        this.dropped = Counter.builder("camstream.consumer.statistics.dropped")
                .description("Statistics not published: broker away, buffer full, or topic not ready yet")
                .register(registry);
    }

    void open() {
        open = true;
    }

    public void publish(FrameStatistics statistics) {
        if (!open) {
            dropped.increment();
            return;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(StatisticsFormat.FORMAT_VERSION_HEADER, StatisticsFormat.FORMAT_VERSION.getBytes(StandardCharsets.UTF_8));
        Message<String> message = Message.of(format.write(statistics))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(statistics.camera())
                        .withHeaders(headers).build())
                .withAck(() -> {
                    published.increment();
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    dropped.increment();
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (IllegalStateException e) {
            dropped.increment(); // buffer full: the broker has been away for a while
        }
    }
}
