package io.edgegateway.drivers;

import io.edgegateway.drivers.bus.Buses;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervises one device: starts a fresh driver instance, catches everything it throws, and on failure stops
 * it and schedules the next attempt after the backoff delay. State changes happen under this object's lock;
 * a driver reporting {@link DriverContext#fail} only schedules the handling, so a driver's own thread never
 * waits for this lock while {@link Driver#stop} waits for that thread. Each start gets a new generation
 * number, and a context from an older generation is ignored.
 */
final class DeviceRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceRunner.class);

    private final ConfiguredDevice<?> device;
    private final Buses buses;
    private final EventSink sink;
    private final Clock clock;
    private final Scheduler scheduler;
    private final BackoffPolicy backoff;
    private final DeviceCounters counters = new DeviceCounters();

    private volatile long generation;
    private volatile DriverHealth health = DriverHealth.starting();
    private Driver driver;
    private long startedAtNanos;
    private int failures;
    private boolean removed;
    private Scheduler.Cancellable pendingStart;

    DeviceRunner(ConfiguredDevice<?> device, Buses buses, EventSink sink, Clock clock, Scheduler scheduler,
                 BackoffPolicy backoff) {
        this.device = device;
        this.buses = buses;
        this.sink = sink;
        this.clock = clock;
        this.scheduler = scheduler;
        this.backoff = backoff;
    }

    synchronized void scheduleFirstStart() {
        pendingStart = scheduler.schedule(this::attemptStart, 0);
    }

    DriverHealth health() {
        return health;
    }

    DriverMetrics metrics() {
        return counters;
    }

    private synchronized void attemptStart() {
        pendingStart = null;
        if (removed) {
            return;
        }
        long gen = ++generation;
        Driver d;
        try {
            d = device.newDriver(buses);
        } catch (RuntimeException e) {
            onFailure(new DeviceException(DeviceException.Kind.MISCONFIGURED, "driver could not be created: " + e, e));
            return;
        }
        driver = d;
        startedAtNanos = clock.monotonicNanos();
        try {
            d.start(new Context(gen));
            health = new DriverHealth(HealthState.RUNNING, health.lastError(), health.lastErrorAtMs(), failures, 0);
            LOG.info("{}: running", device);
        } catch (DeviceException e) {
            stopQuietly(d);
            onFailure(e);
        } catch (RuntimeException e) {
            // A driver bug must not take the gateway down; treat it like a bus error and keep retrying.
            stopQuietly(d);
            onFailure(new DeviceException(DeviceException.Kind.BUS_ERROR, "driver error: " + e, e));
        }
    }

    private synchronized void failedWhileRunning(long gen, DeviceException cause) {
        if (removed || gen != generation || health.state() != HealthState.RUNNING) {
            return;
        }
        generation++;
        stopQuietly(driver);
        long ranMillis = (clock.monotonicNanos() - startedAtNanos) / 1_000_000;
        if (ranMillis >= backoff.maxMillis()) {
            failures = 0;
        }
        onFailure(cause);
    }

    private void onFailure(DeviceException cause) {
        driver = null;
        failures++;
        long now = clock.wallMillis();
        String error = cause.kind() + ": " + cause.getMessage();
        if (!cause.retryable()) {
            health = new DriverHealth(HealthState.FAILED, error, now, failures, 0);
            LOG.error("{}: failed, not retrying: {}", device, error, cause);
            return;
        }
        long delay = backoff.delayMillis(failures);
        health = new DriverHealth(HealthState.RETRYING, error, now, failures, now + delay);
        LOG.warn("{}: {} (failure {} in a row), retrying in {} ms", device, error, failures, delay);
        counters.restart();
        pendingStart = scheduler.schedule(this::attemptStart, delay);
    }

    synchronized void remove() {
        removed = true;
        generation++;
        if (pendingStart != null) {
            pendingStart.cancel();
            pendingStart = null;
        }
        if (driver != null) {
            stopQuietly(driver);
            driver = null;
        }
        health = new DriverHealth(HealthState.STOPPED, health.lastError(), health.lastErrorAtMs(), failures, 0);
        LOG.info("{}: stopped", device);
    }

    private void stopQuietly(Driver d) {
        try {
            d.stop();
        } catch (RuntimeException e) {
            LOG.warn("{}: stop threw, ignored", device, e);
        }
    }

    /** The context handed to one driver instance; every outlet checks it still belongs to the live instance. */
    private final class Context implements DriverContext {
        private final long gen;

        Context(long gen) {
            this.gen = gen;
        }

        private boolean live() {
            return gen == generation;
        }

        @Override
        public String deviceId() {
            return device.deviceId();
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public Scheduler scheduler() {
            return scheduler;
        }

        @Override
        public void emit(long eventTimeMs, Map<String, ?> value) {
            if (!live()) {
                return;
            }
            DeviceEvent event;
            try {
                event = new DeviceEvent(device.deviceId(), EventEncoder.encode(value), eventTimeMs,
                        EventEncoder.headers(device.type(), clock.isSynchronized()));
            } catch (Exception e) {
                reject("unencodable", e.getMessage());
                return;
            }
            try {
                sink.accept(event);
                counters.event();
            } catch (RuntimeException e) {
                reject("sink-failed", e.toString());
            }
        }

        @Override
        public void reject(String reason, String detail) {
            long n = counters.reject(reason);
            if (Long.bitCount(n) == 1) {
                LOG.warn("{}: rejected ({}, {} so far): {}", device, reason, n, detail);
            } else {
                LOG.debug("{}: rejected ({}, {} so far): {}", device, reason, n, detail);
            }
        }

        @Override
        public void fail(DeviceException cause) {
            if (live()) {
                scheduler.schedule(() -> failedWhileRunning(gen, cause), 0);
            }
        }
    }
}
