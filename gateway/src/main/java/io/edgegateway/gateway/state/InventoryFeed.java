package io.edgegateway.gateway.state;

import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.EventHeaders;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link Inventory} from the event flow without putting SQLite on the event path. {@link #accept}
 * runs on the drivers' threads for every event and only merges it into an in-memory map of the first and
 * latest sighting per device and per tag; {@link #flush}, called about once a second from elsewhere, writes
 * what gathered in one transaction. The maps are bounded by {@code maxKeys} each: a new device or tag beyond
 * that is counted and left out of the inventory until the next flush makes room; the event itself is never
 * held back or dropped. When SQLite fails, the batch is merged back and retried at the next flush, and the
 * failure is counted and logged. A reader's event without a readable tag is counted and logged once.
 * {@link #start} flushes on a thread of its own, so a slow SQLite delays nothing else; {@link #close} stops it
 * and flushes what is left.
 */
public final class InventoryFeed implements Consumer<DeviceEvent>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryFeed.class);

    private record Seen(String type, long firstMs, DeviceEvent last) {
        Seen merge(Seen other) {
            DeviceEvent newer = other.last.timestampMs() >= last.timestampMs() ? other.last : last;
            return new Seen(newer == last ? type : other.type, Math.min(firstMs, other.firstMs), newer);
        }
    }

    private final Inventory inventory;
    private final int maxKeys;
    private final Map<String, Seen> devices = new ConcurrentHashMap<>();
    private final Map<String, Seen> tags = new ConcurrentHashMap<>();
    private final LongAdder overflow = new LongAdder();
    private final LongAdder badTags = new LongAdder();
    private final LongAdder failedFlushes = new LongAdder();
    private ScheduledExecutorService flusher;

    public InventoryFeed(Inventory inventory, int maxKeys) {
        this.inventory = inventory;
        this.maxKeys = maxKeys;
    }

    @Override
    public void accept(DeviceEvent e) {
        String type = e.headers().getOrDefault(EventHeaders.DEVICE_TYPE, "unknown");
        Seen seen = new Seen(type, e.timestampMs(), e);
        put(devices, e.deviceId(), seen);
        if (!TagIds.isReader(type)) {
            return;
        }
        try {
            Optional<String> tag = TagIds.of(e);
            tag.ifPresent(t -> put(tags, t, seen));
        } catch (IllegalArgumentException ex) {
            badTags.increment();
            if (badTags.sum() == 1) {
                LOG.warn("{}: {}; the tag is not added to the inventory (further ones are only counted)",
                        e.deviceId(), ex.getMessage());
            }
        }
    }

    private void put(Map<String, Seen> map, String key, Seen seen) {
        // The size check is approximate under races, which only lets the bound stretch by a few keys.
        if (map.size() >= maxKeys && !map.containsKey(key)) {
            overflow.increment();
            return;
        }
        map.merge(key, seen, Seen::merge);
    }

    /** Flushes every {@code periodMs} on a daemon thread until {@link #close}. */
    public synchronized InventoryFeed start(long periodMs) {
        if (flusher == null) {
            flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "inventory");
                t.setDaemon(true);
                return t;
            });
            flusher.scheduleWithFixedDelay(this::flush, periodMs, periodMs, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Stops flushing and writes what is left. */
    @Override
    public void close() throws InterruptedException {
        ScheduledExecutorService f;
        synchronized (this) {
            f = flusher;
            flusher = null;
        }
        if (f != null) {
            f.shutdown();
            f.awaitTermination(10, TimeUnit.SECONDS);
        }
        flush();
    }

    /** Writes what gathered since the last flush; false (counted, logged, kept for the next try) if SQLite failed. */
    public synchronized boolean flush() {
        Map<String, Seen> d = drain(devices);
        Map<String, Seen> t = drain(tags);
        if (d.isEmpty() && t.isEmpty()) {
            return true;
        }
        List<Inventory.DeviceSighting> ds = new ArrayList<>(d.size());
        d.forEach((id, s) -> ds.add(new Inventory.DeviceSighting(id, s.type(), s.firstMs(), s.last().timestampMs(),
                s.last().valueAsString())));
        List<Inventory.TagSighting> ts = new ArrayList<>(t.size());
        t.forEach((id, s) -> ts.add(new Inventory.TagSighting(id, s.last().deviceId(), s.firstMs(),
                s.last().timestampMs())));
        try {
            inventory.record(ds, ts);
            return true;
        } catch (RuntimeException ex) {
            failedFlushes.increment();
            LOG.warn("inventory update of {} devices and {} tags failed, retrying at the next flush: {}", d.size(),
                    t.size(), ex.getMessage());
            d.forEach((k, s) -> devices.merge(k, s, Seen::merge));
            t.forEach((k, s) -> tags.merge(k, s, Seen::merge));
            return false;
        }
    }

    private static Map<String, Seen> drain(Map<String, Seen> map) {
        Map<String, Seen> out = new java.util.HashMap<>();
        for (String key : map.keySet()) {
            Seen s = map.remove(key);
            if (s != null) {
                out.put(key, s);
            }
        }
        return out;
    }

    /** New devices or tags left out because the pending maps were full. */
    public long overflow() {
        return overflow.sum();
    }

    /** Reader events whose tag could not be read. */
    public long badTags() {
        return badTags.sum();
    }

    public long failedFlushes() {
        return failedFlushes.sum();
    }

    /**
     * Publishes the counters as {@code edge_inventory_overflow_total}, {@code edge_inventory_bad_tags_total}
     * and {@code edge_inventory_failed_flushes_total}.
     */
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("edge.inventory.overflow", overflow, LongAdder::sum)
                .description("New devices or tags left out of an inventory update because too many were pending")
                .register(registry);
        FunctionCounter.builder("edge.inventory.bad.tags", badTags, LongAdder::sum)
                .description("RFID/NFC reader events whose tag id could not be read").register(registry);
        FunctionCounter.builder("edge.inventory.failed.flushes", failedFlushes, LongAdder::sum)
                .description("Inventory updates the state database refused; retried at the next one")
                .register(registry);
    }
}
