package dev.camstream.bench;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGBA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Bytes per frame on the wire: camstream's records (key, value and headers; wire format v1, a JPEG, or v2, an
 * access unit of the camera's own video) read back from a topic, against the seed design's format for the
 * same frames, a JSON object carrying the raw RGBA pixels in base64. Each v1 record's JPEG is decoded and
 * converted to RGBA to build the seed message, which is measured, not computed; v2 records have none (0).
 * Record batch framing, the same for all, is left out.
 *
 * <pre>java -cp ... dev.camstream.bench.WireCost BOOTSTRAP TOPIC RECORDS</pre>
 *
 * Prints one CSV line per record: size,record_bytes,seed_bytes,format_version
 */
public final class WireCost {

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: WireCost BOOTSTRAP TOPIC RECORDS");
            System.exit(2);
        }
        int wanted = Integer.parseInt(args[2]);
        int records = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties(args[0]));
                Mat image = new Mat(); Mat rgba = new Mat()) {
            List<TopicPartition> partitions = consumer.partitionsFor(args[1]).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records < wanted && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (records == wanted) {
                        break;
                    }
                    String version = header(record, "format-version");
                    if ("2".equals(version)) {
                        System.out.printf(Locale.ROOT, "%sx%s,%d,0,2%n", header(record, "width"),
                                header(record, "height"), recordSize(record));
                        records++;
                        continue;
                    }
                    decode(record.value(), image);
                    cvtColor(image, rgba, COLOR_BGR2RGBA);
                    byte[] pixels = new byte[(int) (rgba.total() * rgba.elemSize())];
                    rgba.data().get(pixels);
                    System.out.printf(Locale.ROOT, "%dx%d,%d,%d,1%n", image.cols(), image.rows(), recordSize(record),
                            seedMessage(record.key(), record.timestamp(), image.cols(), image.rows(), pixels).length);
                    records++;
                }
            }
        }
        if (records == 0) {
            System.err.println("no records in topic " + args[1]);
            System.exit(1);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** What one record carries: key, value and every header's name and value. */
    static long recordSize(ConsumerRecord<String, byte[]> record) {
        long size = Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
        for (Header header : record.headers()) {
            size += header.key().getBytes(StandardCharsets.UTF_8).length + header.value().length;
        }
        return size;
    }

    /** The seed design's message: camera id, time, size and the RGBA pixels in base64, as JSON. */
    static byte[] seedMessage(String cameraId, long timestampMillis, int width, int height, byte[] rgba) {
        String json = "{\"cameraId\":\"" + cameraId + "\",\"timestamp\":" + timestampMillis + ",\"width\":" + width
                + ",\"height\":" + height + ",\"format\":\"RGBA\",\"data\":\""
                + Base64.getEncoder().encodeToString(rgba) + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static void decode(byte[] jpeg, Mat target) {
        try (BytePointer data = new BytePointer(jpeg); Mat encoded = new Mat(1, jpeg.length, CV_8UC1, data)) {
            imdecode(encoded, IMREAD_COLOR, target).close();
        }
        if (target.empty()) {
            throw new IllegalStateException("a record's JPEG does not decode");
        }
    }

    private static Properties properties(String bootstrap) {
        Properties properties = new Properties();
        properties.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 10 * 1024 * 1024,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50));
        return properties;
    }

    private WireCost() {
    }
}
