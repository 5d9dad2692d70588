package io.edgegateway.drivers;

import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.sim.ManualTime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Runs one device under a real {@link DriverSupervisor} with {@link ManualTime} and collects its events, for
 * end-to-end driver tests against simulators. Backoff is fixed at 1 s doubling to 8 s without jitter.
 */
public final class DriverHarness {
    public static final long START_WALL_MS = 1_700_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    public final ManualTime time;
    public final List<DeviceEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final DriverSupervisor supervisor;
    private String deviceId;

    public DriverHarness(Buses buses) {
        this(new ManualTime(START_WALL_MS), buses);
    }

    /** With a given time, for simulators that must be built on the same scheduler before the buses. */
    public DriverHarness(ManualTime time, Buses buses) {
        this.time = time;
        RandomGenerator midpoint = new RandomGenerator() {
            public long nextLong() {
                return 0;
            }

            public double nextDouble() {
                return 0.5;
            }
        };
        supervisor = new DriverSupervisor(buses, events::add, time, time,
                new BackoffPolicy(1_000, 8_000, 0.2, midpoint));
    }

    public <O extends DriverOptions> DriverHarness add(String id, DriverType<O> type, Map<String, ?> raw)
            throws InvalidOptionsException {
        this.deviceId = id;
        supervisor.add(new ConfiguredDevice<>(id, type, type.parse(raw)));
        return this;
    }

    public HealthState state() {
        return supervisor.health(deviceId).orElseThrow().state();
    }

    public DriverHealth health() {
        return supervisor.health(deviceId).orElseThrow();
    }

    public DriverMetrics metrics() {
        return supervisor.metrics(deviceId).orElseThrow();
    }

    public long rejects(String reason) {
        return metrics().rejectsByReason().getOrDefault(reason, 0L);
    }

    public List<JsonNode> values() {
        List<JsonNode> out = new ArrayList<>();
        synchronized (events) {
            for (DeviceEvent e : events) {
                try {
                    out.add(JSON.readTree(e.value()));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        }
        return out;
    }

    public void close() {
        supervisor.close();
    }
}
