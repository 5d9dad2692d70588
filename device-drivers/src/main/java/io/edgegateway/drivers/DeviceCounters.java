package io.edgegateway.drivers;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The mutable side of {@link DriverMetrics}: lock-free counters updated from driver threads. Returns the new
 * count from {@link #reject} so the caller can decide how loudly to log.
 */
final class DeviceCounters implements DriverMetrics {
    private final LongAdder events = new LongAdder();
    private final LongAdder restarts = new LongAdder();
    private final Map<String, LongAdder> rejects = new ConcurrentHashMap<>();

    void event() {
        events.increment();
    }

    void restart() {
        restarts.increment();
    }

    long reject(String reason) {
        LongAdder a = rejects.computeIfAbsent(reason, r -> new LongAdder());
        a.increment();
        return a.sum();
    }

    @Override
    public long eventsEmitted() {
        return events.sum();
    }

    @Override
    public Map<String, Long> rejectsByReason() {
        Map<String, Long> m = new TreeMap<>();
        rejects.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    @Override
    public long rejectsTotal() {
        return rejects.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public long restarts() {
        return restarts.sum();
    }
}
