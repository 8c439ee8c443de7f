package dev.camstream.consumer.frame;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * Counts rejected records per reason and logs them at a bounded rate: one line per reason per interval,
 * with the topic-partition-offset of the latest and how many were not logged, so a flood of bad records
 * cannot flood the log.
 */
@ApplicationScoped
public class Rejections {

    private static final Logger LOG = Logger.getLogger(Rejections.class);
    private static final long LOG_INTERVAL_MILLIS = 10_000;

    private final Map<RejectReason, AtomicLong> counts = new EnumMap<>(RejectReason.class);
    private final Map<RejectReason, Long> lastLogged = new EnumMap<>(RejectReason.class);
    private final Map<RejectReason, Long> unlogged = new EnumMap<>(RejectReason.class);

    public Rejections() {
        for (RejectReason reason : RejectReason.values()) {
            counts.put(reason, new AtomicLong());
        }
    }

    public void count(RejectedRecordException rejection, String topicPartitionOffset) {
        RejectReason reason = rejection.reason();
        counts.get(reason).incrementAndGet();
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
        return counts.get(reason).get();
    }

    public Map<String, Long> byReason() {
        Map<String, Long> result = new java.util.LinkedHashMap<>();
        counts.forEach((reason, count) -> result.put(reason.label(), count.get()));
        return result;
    }
}
