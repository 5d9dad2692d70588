package io.edgegateway.gateway.wiring;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the wiring did with each device's events: appended (per device and per topic) and dropped
 * (per device and {@link DropReason}). Updated lock-free from driver and log threads; counters only grow
 * and survive device restarts and reconfiguration, as metrics counters must.
 */
public final class FlowCounters {
    private final Map<String, LongAdder> appendedByDevice = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> appendedByTopic = new ConcurrentHashMap<>();
    private final Map<String, Map<DropReason, LongAdder>> dropped = new ConcurrentHashMap<>();

    void appended(String deviceId, String topic) {
        appendedByDevice.computeIfAbsent(deviceId, k -> new LongAdder()).increment();
        appendedByTopic.computeIfAbsent(topic, k -> new LongAdder()).increment();
    }

    /** Counts one drop and returns how many of this device and reason there were, for log throttling. */
    long dropped(String deviceId, DropReason reason) {
        LongAdder a = dropped.computeIfAbsent(deviceId, k -> {
            Map<DropReason, LongAdder> m = new EnumMap<>(DropReason.class);
            for (DropReason r : DropReason.values()) {
                m.put(r, new LongAdder());
            }
            return m;
        }).get(reason);
        a.increment();
        return a.sum();
    }

    public long appendedByDevice(String deviceId) {
        LongAdder a = appendedByDevice.get(deviceId);
        return a == null ? 0 : a.sum();
    }

    public long appendedByTopic(String topic) {
        LongAdder a = appendedByTopic.get(topic);
        return a == null ? 0 : a.sum();
    }

    public long droppedByDevice(String deviceId, DropReason reason) {
        Map<DropReason, LongAdder> m = dropped.get(deviceId);
        return m == null ? 0 : m.get(reason).sum();
    }

    /** Every device's drops by reason (only non-zero counts), a snapshot. */
    public Map<String, Map<DropReason, Long>> drops() {
        Map<String, Map<DropReason, Long>> out = new TreeMap<>();
        dropped.forEach((device, reasons) -> reasons.forEach((r, n) -> {
            if (n.sum() > 0) {
                out.computeIfAbsent(device, k -> new EnumMap<>(DropReason.class)).put(r, n.sum());
            }
        }));
        return out;
    }

    /** Every topic's appended count, a snapshot. */
    public Map<String, Long> appendedByTopic() {
        Map<String, Long> out = new TreeMap<>();
        appendedByTopic.forEach((t, n) -> out.put(t, n.sum()));
        return out;
    }

    /** Every device's appended count, a snapshot. */
    public Map<String, Long> appendedByDevice() {
        Map<String, Long> out = new TreeMap<>();
        appendedByDevice.forEach((d, n) -> out.put(d, n.sum()));
        return out;
    }
}
