package io.edgegateway.drivers;

import io.edgegateway.drivers.bus.Buses;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs every configured device independently: each gets its own runner that starts a driver, retries a
 * failing device with exponential backoff and jitter ({@link BackoffPolicy}), and reports
 * {@link DriverHealth} and {@link DriverMetrics}. Nothing one driver throws reaches another driver or the
 * caller. The clock and scheduler are injected so tests control time. Thread-safe.
 */
public final class DriverSupervisor implements AutoCloseable {
    private final Buses buses;
    private final EventSink sink;
    private final Clock clock;
    private final Scheduler scheduler;
    private final BackoffPolicy backoff;
    private final Map<String, DeviceRunner> runners = new ConcurrentHashMap<>();

    public DriverSupervisor(Buses buses, EventSink sink, Clock clock, Scheduler scheduler, BackoffPolicy backoff) {
        this.buses = buses;
        this.sink = sink;
        this.clock = clock;
        this.scheduler = scheduler;
        this.backoff = backoff;
    }

    /** Adds a device and schedules its first start; refuses a device id already present. */
    public void add(ConfiguredDevice<?> device) {
        DeviceRunner runner = new DeviceRunner(device, buses, sink, clock, scheduler, backoff);
        if (runners.putIfAbsent(device.deviceId(), runner) != null) {
            throw new IllegalArgumentException("device id already supervised: " + device.deviceId());
        }
        runner.scheduleFirstStart();
    }

    /** Stops and forgets a device; unknown ids are ignored. */
    public void remove(String deviceId) {
        DeviceRunner r = runners.remove(deviceId);
        if (r != null) {
            r.remove();
        }
    }

    public Optional<DriverHealth> health(String deviceId) {
        return Optional.ofNullable(runners.get(deviceId)).map(DeviceRunner::health);
    }

    /** Health of every device, by device id. */
    public Map<String, DriverHealth> health() {
        Map<String, DriverHealth> m = new TreeMap<>();
        runners.forEach((id, r) -> m.put(id, r.health()));
        return m;
    }

    public Optional<DriverMetrics> metrics(String deviceId) {
        return Optional.ofNullable(runners.get(deviceId)).map(DeviceRunner::metrics);
    }

    /** Stops every device. The scheduler belongs to the caller and stays open. */
    @Override
    public void close() {
        for (String id : runners.keySet()) {
            remove(id);
        }
    }
}
