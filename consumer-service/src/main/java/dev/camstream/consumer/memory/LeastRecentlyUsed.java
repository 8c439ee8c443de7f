package dev.camstream.consumer.memory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A map of at most {@code limit} entries, kept in order of use: adding one more evicts the entry used longest
 * ago, and hands its value to {@code onEvict} (a decoder to close, for instance). What bounds the per-camera
 * state of the history and the decoders by {@code max-cameras}. Not thread-safe.
 */
public final class LeastRecentlyUsed<K, V> extends LinkedHashMap<K, V> {

    private static final long serialVersionUID = 1L;

    private final int limit;
    private final transient Consumer<V> onEvict;

    public LeastRecentlyUsed(int limit, Consumer<V> onEvict) {
        super(16, 0.75f, true);
        this.limit = limit;
        this.onEvict = onEvict;
    }

    /** Evicted values are simply dropped. */
    public LeastRecentlyUsed(int limit) {
        this(limit, value -> {
        });
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        if (size() <= limit) {
            return false;
        }
        onEvict.accept(eldest.getValue());
        return true;
    }
}
