package dev.camstream.consumer.frame;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Counts rejected records per reason and logs them at a bounded rate: one line per reason per interval,
 * with the topic-partition-offset of the latest and how many were not logged, so a flood of bad records
 * cannot flood the log.
 */
@Startup // its counters exist from the start, at zero, so dashboards and alerts see them before trouble
@ApplicationScoped
public class Rejections {

    private static final Logger LOG = Logger.getLogger(Rejections.class);
    private static final long LOG_INTERVAL_MILLIS = 10_000;

    private final Map<RejectReason, Counter> counts = new EnumMap<>(RejectReason.class);
    private final Map<RejectReason, Long> lastLogged = new EnumMap<>(RejectReason.class);
    private final Map<RejectReason, Long> unlogged = new EnumMap<>(RejectReason.class);

    public Rejections(MeterRegistry registry) {
        // One series per reason, never per key: a flood of random keys cannot grow the registry.
        for (RejectReason reason : RejectReason.values()) {
            counts.put(reason, Counter.builder("camstream.consumer.records.rejected")
                    .description("Records skipped: frames that break wire format v1, statistics that break statistics v1, frames they name that cannot be fetched")
                    .tag("reason", reason.label()).register(registry));
        }
    }

    public void count(RejectedRecordException rejection, String topicPartitionOffset) {
        RejectReason reason = rejection.reason();
        counts.get(reason).increment();
        long now = System.currentTimeMillis();
        synchronized (lastLogged) {
            Long last = lastLogged.get(reason);
            if (last != null && now - last < LOG_INTERVAL_MILLIS) {
                unlogged.merge(reason, 1L, Long::sum);
                return;
            }
            long skippedLines = unlogged.getOrDefault(reason, 0L);
            lastLogged.put(reason, now);
            unlogged.put(reason, 0L);
            LOG.warnf("Rejected record %s: %s%s", topicPartitionOffset, rejection.getMessage(),
                    skippedLines > 0 ? " (" + skippedLines + " more " + reason.label() + " not logged)" : "");
        }
    }

    public long count(RejectReason reason) {
        return (long) counts.get(reason).count();
    }

    public Map<String, Long> byReason() {
        Map<String, Long> result = new LinkedHashMap<>();
        counts.forEach((reason, count) -> result.put(reason.label(), (long) count.count()));
        return result;
    }
}
