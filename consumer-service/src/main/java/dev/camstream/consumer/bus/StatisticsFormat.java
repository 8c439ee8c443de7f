package dev.camstream.consumer.bus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.camstream.consumer.frame.FrameReader;
import dev.camstream.consumer.frame.RejectReason;
import dev.camstream.consumer.frame.RejectedRecordException;
import dev.camstream.consumer.stats.FrameStatistics;

/**
 * Statistics v1, the records of the statistics topic (docs/frame-format.md): key = camera id, value = the
 * {@link FrameStatistics} as JSON (the {@code /stats/latest} object with {@code source} and
 * {@code processedBy}), headers {@code format-version: 1} and {@code replica}. Readers ignore fields they do not know.
 */
@ApplicationScoped
public class StatisticsFormat {

    public static final String FORMAT_VERSION_HEADER = "format-version";
    public static final String FORMAT_VERSION = "1";
    static final byte[] FORMAT_VERSION_BYTES = FORMAT_VERSION.getBytes(StandardCharsets.UTF_8);
    /** The replica that computed the statistics, also in the value: readers can skip records without parsing them. */
    public static final String REPLICA_HEADER = "replica";
    private static final int MAX_NAME_LENGTH = 255;
    private static final int MAX_ECHO = 120;

    private final ObjectMapper json;

    public StatisticsFormat(ObjectMapper json) {
        this.json = json;
    }

    public String write(FrameStatistics statistics) {
        try {
            return json.writeValueAsString(statistics);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("statistics of " + statistics.camera() + " do not serialise", e);
        }
    }

    /** The statistics of a record keyed {@code key}; rejected if they are not statistics v1 or name another camera. */
    public FrameStatistics read(String key, byte[] value) throws RejectedRecordException {
        FrameStatistics statistics;
        try {
            statistics = json.readValue(value, FrameStatistics.class);
        } catch (IOException e) {
            throw invalid("not statistics v1 JSON: " + printable(firstLine(e.getMessage())));
        }
        if (statistics == null) {
            throw invalid("empty value");
        }
        check(statistics);
        if (!statistics.camera().equals(key)) {
            throw invalid("key " + printable(key) + " but camera " + statistics.camera());
        }
        return statistics;
    }

    private static void check(FrameStatistics s) throws RejectedRecordException {
        if (s.camera() == null || !FrameReader.CAMERA_ID.matcher(s.camera()).matches()) {
            throw invalid("camera is not a camera id");
        }
        if (s.seq() < 0 || s.width() <= 0 || s.height() <= 0) {
            throw invalid("seq, width or height out of range");
        }
        if (s.capturedAt() == null || s.processedAt() == null || s.mean() == null || s.stddev() == null) {
            throw invalid("capturedAt, processedAt, mean and stddev are required");
        }
        if (s.source() == null || !isName(s.source().topic()) || s.source().partition() < 0 || s.source().offset() < 0) {
            throw invalid("source must name a topic, partition and offset");
        }
        if (s.processedBy() == null || !isName(s.processedBy().group()) || !isName(s.processedBy().replica())) {
            throw invalid("processedBy must name a group and a replica");
        }
    }

    private static boolean isName(String name) {
        return name != null && !name.isBlank() && name.length() <= MAX_NAME_LENGTH;
    }

    private static RejectedRecordException invalid(String message) {
        return new RejectedRecordException(RejectReason.INVALID_STATISTICS, message);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** At most {@value #MAX_ECHO} printable characters of something read from the topic, for a log line. */
    private static String printable(String text) {
        if (text == null) {
            return "null";
        }
        String printable = text.replaceAll("[^ -~]", "?");
        return printable.length() <= MAX_ECHO ? printable : printable.substring(0, MAX_ECHO) + "…";
    }
}
