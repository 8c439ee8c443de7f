package dev.camstream.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Gives a topic a camera's history without waiting for it: the producer's own frames (read back from the
 * topic it wrote them to, a few seconds' worth) are written again, in turn, as one camera's frames
 * captured at 25 fps over the past {@code SECONDS} up to now, keyed, stamped and with headers as the producer
 * writes them; then {@code LIVE_SECONDS} more at the pace of a camera, captured now, so that a consumer
 * started meanwhile sees the camera live.
 *
 * <pre>java -cp ... dev.camstream.bench.HistoryFill BOOTSTRAP SOURCE_TOPIC TARGET_TOPIC CAMERA SECONDS LIVE_SECONDS FIRST_SEQ</pre>
 *
 * Frames are numbered from FIRST_SEQ, so that live frames written later continue the history. Prints one CSV
 * line: frames,bytes,seconds_taken (bytes: keys, values and headers, as on the wire).
 */
public final class HistoryFill {

    private static final int FPS = 25;
    private static final long FRAME_MICROS = 1_000_000 / FPS;
    private static final int POOL = 250;

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: HistoryFill BOOTSTRAP SOURCE_TOPIC TARGET_TOPIC CAMERA SECONDS LIVE_SECONDS FIRST_SEQ");
            System.exit(2);
        }
        String bootstrap = args[0];
        String camera = args[3];
        int seconds = Integer.parseInt(args[4]);
        int liveSeconds = Integer.parseInt(args[5]);
        List<ConsumerRecord<String, byte[]>> pool = readPool(bootstrap, args[1]);
        long started = System.nanoTime();
        long bytes = 0;
        int frames = seconds * FPS;
        long seqBase = Long.parseLong(args[6]) - 1;
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            long endMicros = System.currentTimeMillis() * 1000;
            long firstMicros = endMicros - (long) frames * FRAME_MICROS;
            for (int i = 0; i < frames; i++) {
                bytes += send(producer, args[2], camera, seqBase + i + 1, firstMicros + i * FRAME_MICROS, pool.get(i % pool.size()));
            }
            producer.flush();
            long liveStart = System.nanoTime();
            for (int i = 0; i < liveSeconds * FPS; i++) {
                long due = liveStart + i * FRAME_MICROS * 1000;
                while (System.nanoTime() < due) {
                    Thread.sleep(Math.max(1, (due - System.nanoTime()) / 1_000_000));
                }
                bytes += send(producer, args[2], camera, seqBase + frames + i + 1, System.currentTimeMillis() * 1000,
                        pool.get((frames + i) % pool.size()));
            }
            producer.flush();
            frames += liveSeconds * FPS;
        }
        System.out.printf("%d,%d,%.1f%n", frames, bytes, (System.nanoTime() - started) / 1e9);
    }

    private static long send(KafkaProducer<String, byte[]> producer, String topic, String camera, long seq,
            long captureMicros, ConsumerRecord<String, byte[]> source) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : source.headers()) {
            switch (header.key()) {
                case "camera-id" -> headers.add("camera-id", bytes(camera));
                case "frame-seq" -> headers.add("frame-seq", bytes(Long.toString(seq)));
                case "capture-time-us" -> headers.add("capture-time-us", bytes(Long.toString(captureMicros)));
                default -> headers.add(header);
            }
        }
        producer.send(new ProducerRecord<>(topic, 0, captureMicros / 1000, camera, source.value(), headers));
        long size = camera.length() + source.value().length;
        for (Header header : headers) {
            size += header.key().length() + header.value().length;
        }
        return size;
    }

    private static List<ConsumerRecord<String, byte[]>> readPool(String bootstrap, String topic) {
        Properties properties = new Properties();
        properties.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 10_485_760));
        List<ConsumerRecord<String, byte[]>> pool = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (pool.size() < POOL && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (pool.size() < POOL) {
                        pool.add(record);
                    }
                });
            }
        }
        if (pool.isEmpty()) {
            throw new IllegalStateException("no frames in " + topic);
        }
        return pool;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties properties = new Properties();
        properties.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 10_485_760,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 1_048_576,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 268_435_456L));
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
