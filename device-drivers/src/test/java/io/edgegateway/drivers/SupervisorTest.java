package io.edgegateway.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.options.OptionSchema;
import io.edgegateway.drivers.sim.ManualTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SupervisorTest {
    private final ManualTime time = new ManualTime(1_700_000_000_000L);
    private final List<DeviceEvent> events = Collections.synchronizedList(new ArrayList<>());
    /** Zero jitter via a generator that always returns the midpoint, so delays are exact. */
    private final BackoffPolicy backoff = new BackoffPolicy(1_000, 8_000, 0.2, fixedRandom(0.5));
    private final DriverSupervisor supervisor = new DriverSupervisor(null, events::add, time, time, backoff);

    private record NoOptions() implements DriverOptions {
        @Override
        public Wiring wiring() {
            return Wiring.pins(Map.of());
        }
    }

    /** A driver type whose start behaviour each test scripts. */
    private static DriverType<NoOptions> scripted(String name, Consumer<DriverContext> onStart, List<String> log) {
        return new DriverType<>() {
            public String name() {
                return name;
            }

            public String version() {
                return "1";
            }

            public String description() {
                return "scripted";
            }

            public OptionSchema options() {
                return new OptionSchema(name, List.of());
            }

            public NoOptions parse(Map<String, ?> raw) {
                return new NoOptions();
            }

            public Driver create(NoOptions options, Buses buses) {
                return new Driver() {
                    public void start(DriverContext context) {
                        log.add("start");
                        onStart.accept(context);
                    }

                    public void stop() {
                        log.add("stop");
                    }
                };
            }
        };
    }

    private static RandomGenerator fixedRandom(double value) {
        return new RandomGenerator() {
            public long nextLong() {
                return 0;
            }

            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void emitsEventsWithKeyTimeAndHeaders() {
        supervisor.add(new ConfiguredDevice<>("dev-1", scripted("demo", c -> c.emit(c.clock().wallMillis(),
                Map.of("temperature_c", 21.5)), new ArrayList<>()), new NoOptions()));
        time.runDue();
        assertEquals(1, events.size());
        DeviceEvent e = events.get(0);
        assertEquals("dev-1", e.deviceId());
        assertEquals("{\"temperature_c\":21.5}", e.valueAsString());
        assertEquals(1_700_000_000_000L, e.timestampMs());
        assertEquals(Map.of("device-type", "demo", "driver", "demo/1", "clock-quality", "unsynchronized"),
                e.headers());
        assertEquals(HealthState.RUNNING, supervisor.health("dev-1").orElseThrow().state());
        assertEquals(1, supervisor.metrics("dev-1").orElseThrow().eventsEmitted());
    }

    @Test
    void failingStartRetriesWithExponentialBackoff() {
        List<String> log = new ArrayList<>();
        int[] attempts = {0};
        supervisor.add(new ConfiguredDevice<>("flaky", scripted("demo", c -> {
            if (++attempts[0] < 5) {
                throw new IllegalStateException("sneaky bug");
            }
        }, log), new NoOptions()));
        time.runDue();
        assertEquals(1, attempts[0]);
        DriverHealth h = supervisor.health("flaky").orElseThrow();
        assertEquals(HealthState.RETRYING, h.state());
        assertTrue(h.lastError().contains("sneaky bug"), h.lastError());
        assertEquals(time.wallMillis(), h.lastErrorAtMs());
        assertEquals(time.wallMillis() + 1_000, h.nextAttemptAtMs());
        // delays 1 s, 2 s, 4 s: attempt n+1 happens exactly when the backoff expires, not earlier
        time.advance(999);
        assertEquals(1, attempts[0]);
        time.advance(1);
        assertEquals(2, attempts[0]);
        time.advance(1_999);
        assertEquals(2, attempts[0]);
        time.advance(1);
        assertEquals(3, attempts[0]);
        time.advance(4_000);
        assertEquals(4, attempts[0]);
        time.advance(8_000);
        assertEquals(5, attempts[0]);
        assertEquals(HealthState.RUNNING, supervisor.health("flaky").orElseThrow().state());
        assertEquals(4, supervisor.metrics("flaky").orElseThrow().restarts());
        // every failed start was followed by stop, so nothing stays open
        assertEquals(List.of("start", "stop", "start", "stop", "start", "stop", "start", "stop", "start"), log);
    }

    @Test
    void backoffIsCappedAndJittered() {
        BackoffPolicy low = new BackoffPolicy(1_000, 8_000, 0.2, fixedRandom(0.0));
        BackoffPolicy high = new BackoffPolicy(1_000, 8_000, 0.2, fixedRandom(0.999_999));
        assertEquals(800, low.delayMillis(1));
        assertEquals(1_200, high.delayMillis(1));
        assertEquals(6_400, low.delayMillis(50));
        assertEquals(9_600, high.delayMillis(Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> new BackoffPolicy(0, 1, 0, fixedRandom(0)));
    }

    @Test
    void misconfigurationFailsWithoutRetry() {
        DriverType<NoOptions> misconfigured = new DelegatingType(DeviceException.Kind.MISCONFIGURED);
        supervisor.add(new ConfiguredDevice<>("mis", misconfigured, new NoOptions()));
        time.advance(120_000);
        DriverHealth h = supervisor.health("mis").orElseThrow();
        assertEquals(HealthState.FAILED, h.state());
        assertEquals("MISCONFIGURED: no such port", h.lastError());
        assertEquals(1, h.consecutiveFailures());
        assertEquals(0, time.pendingTasks(), "no retry is scheduled for a misconfiguration");
    }

    /** Throws the given kind from start, as a real driver does. */
    private static final class DelegatingType implements DriverType<NoOptions> {
        private final DeviceException.Kind kind;

        DelegatingType(DeviceException.Kind kind) {
            this.kind = kind;
        }

        public String name() {
            return "thrower";
        }

        public String version() {
            return "1";
        }

        public String description() {
            return "throws";
        }

        public OptionSchema options() {
            return new OptionSchema("thrower", List.of());
        }

        public NoOptions parse(Map<String, ?> raw) {
            return new NoOptions();
        }

        public Driver create(NoOptions options, Buses buses) {
            return new Driver() {
                public void start(DriverContext context) throws DeviceException {
                    throw new DeviceException(kind, "no such port");
                }

                public void stop() {
                }
            };
        }
    }

    @Test
    void failureWhileRunningRestartsAndIgnoresTheOldContext() {
        List<DriverContext> contexts = new ArrayList<>();
        List<String> log = new ArrayList<>();
        supervisor.add(new ConfiguredDevice<>("dev", scripted("demo", contexts::add, log), new NoOptions()));
        time.runDue();
        DriverContext first = contexts.get(0);
        first.fail(new DeviceException(DeviceException.Kind.UNAVAILABLE, "unplugged"));
        time.runDue();
        assertEquals(HealthState.RETRYING, supervisor.health("dev").orElseThrow().state());
        assertEquals("UNAVAILABLE: unplugged", supervisor.health("dev").orElseThrow().lastError());
        first.emit(0, Map.of("late", true));
        first.fail(new DeviceException(DeviceException.Kind.UNAVAILABLE, "again"));
        time.advance(1_000);
        assertEquals(2, contexts.size());
        assertEquals(HealthState.RUNNING, supervisor.health("dev").orElseThrow().state());
        assertTrue(events.isEmpty(), "a stopped driver instance must not emit");
        assertEquals(List.of("start", "stop", "start"), log);
    }

    @Test
    void oneBrokenDriverDoesNotStopOthers() {
        List<DriverContext> good = new ArrayList<>();
        supervisor.add(new ConfiguredDevice<>("broken", new DelegatingType(DeviceException.Kind.TIMEOUT),
                new NoOptions()));
        supervisor.add(new ConfiguredDevice<>("good", scripted("demo", good::add, new ArrayList<>()),
                new NoOptions()));
        time.advance(30_000);
        good.get(0).emit(time.wallMillis(), Map.of("ok", 1));
        assertEquals(1, events.size());
        assertEquals(HealthState.RUNNING, supervisor.health("good").orElseThrow().state());
        assertEquals(HealthState.RETRYING, supervisor.health("broken").orElseThrow().state());
    }

    @Test
    void rejectsAreCountedByReason() {
        List<DriverContext> ctx = new ArrayList<>();
        supervisor.add(new ConfiguredDevice<>("dev", scripted("demo", ctx::add, new ArrayList<>()),
                new NoOptions()));
        time.runDue();
        for (int i = 0; i < 5; i++) {
            ctx.get(0).reject("bad-parity", "frame " + i);
        }
        ctx.get(0).reject("timeout", "no end");
        DriverMetrics m = supervisor.metrics("dev").orElseThrow();
        assertEquals(Map.of("bad-parity", 5L, "timeout", 1L), m.rejectsByReason());
        assertEquals(6, m.rejectsTotal());
        assertTrue(events.isEmpty());
    }

    @Test
    void sinkFailuresAndNonFiniteValuesAreCountedNotThrown() {
        List<DriverContext> ctx = new ArrayList<>();
        DriverSupervisor failing = new DriverSupervisor(null, e -> {
            throw new IllegalStateException("disk full");
        }, time, time, backoff);
        failing.add(new ConfiguredDevice<>("dev", scripted("demo", ctx::add, new ArrayList<>()), new NoOptions()));
        time.runDue();
        ctx.get(0).emit(0, Map.of("a", 1));
        ctx.get(0).emit(0, Map.of("t", Double.NaN));
        assertEquals(Map.of("sink-failed", 1L, "unencodable", 1L),
                failing.metrics("dev").orElseThrow().rejectsByReason());
        assertEquals(0, failing.metrics("dev").orElseThrow().eventsEmitted());
    }

    @Test
    void removeStopsTheDriverAndCancelsRetries() {
        List<String> log = new ArrayList<>();
        supervisor.add(new ConfiguredDevice<>("dev", scripted("demo", c -> { }, log), new NoOptions()));
        supervisor.add(new ConfiguredDevice<>("broken", new DelegatingType(DeviceException.Kind.BUS_ERROR),
                new NoOptions()));
        time.runDue();
        supervisor.close();
        assertEquals(List.of("start", "stop"), log);
        assertEquals(HealthState.STOPPED, supervisor.health().getOrDefault("dev",
                new DriverHealth(HealthState.STOPPED, "", 0, 0, 0)).state());
        assertEquals(0, time.pendingTasks());
        assertThrows(IllegalArgumentException.class, () -> {
            supervisor.add(new ConfiguredDevice<>("x", scripted("demo", c -> { }, log), new NoOptions()));
            supervisor.add(new ConfiguredDevice<>("x", scripted("demo", c -> { }, log), new NoOptions()));
        });
    }

    @Test
    void registryRefusesUnknownTypesAndDuplicates() throws Exception {
        DriverRegistry registry = new DriverRegistry().register(new DelegatingType(DeviceException.Kind.TIMEOUT));
        assertThrows(IllegalArgumentException.class,
                () -> registry.register(new DelegatingType(DeviceException.Kind.TIMEOUT)));
        var e = assertThrows(io.edgegateway.drivers.options.InvalidOptionsException.class,
                () -> registry.configure("d", "bme208", Map.of()));
        assertTrue(e.getMessage().contains("known types are [thrower]"), e.getMessage());
        assertEquals("thrower", registry.configure("d", "thrower", Map.of()).type().name());
    }
}
