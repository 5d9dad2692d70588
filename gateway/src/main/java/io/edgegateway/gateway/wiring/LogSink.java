package io.edgegateway.gateway.wiring;

import io.edgegateway.drivers.DeviceEvent;
import io.edgegateway.drivers.EventSink;
import io.edgegateway.log.AppendResult;
import io.edgegateway.log.DiskFullException;
import io.edgegateway.log.Header;
import io.edgegateway.log.LogRecord;
import io.edgegateway.log.RecordTooLargeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drivers' {@link EventSink}: appends each event to its device's topic without blocking the driver
 * thread. Backpressure is a fixed number of appends in flight: when the log is slower than the devices and
 * that many are waiting, further events are dropped and counted ({@link DropReason#BACKLOG_FULL}) instead of
 * queued, so memory stays bounded. Appends the log refuses are counted per device and reason, never retried.
 * The first drop of a device and reason, and then every power of two, is logged at WARN. Thread-safe.
 */
public final class LogSink implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(LogSink.class);

    /** Where records go: the log's {@code appendAsync}, or a stand-in in tests. */
    @FunctionalInterface
    public interface Appender {
        CompletableFuture<AppendResult> append(String topic, LogRecord record);
    }

    /** Extra headers for one event, such as the clock-correction headers of an unsynchronized event. */
    @FunctionalInterface
    public interface Stamp {
        Stamp NONE = e -> List.of();

        List<Header> headersFor(DeviceEvent event);
    }

    private final Appender appender;
    private final Stamp stamp;
    private final FlowCounters counters;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private volatile Map<String, String> routes = Map.of();
    private volatile String gatewayId;

    public LogSink(Appender appender, String gatewayId, FlowCounters counters, int maxInFlight) {
        this(appender, Stamp.NONE, gatewayId, counters, maxInFlight);
    }

    public LogSink(Appender appender, Stamp stamp, String gatewayId, FlowCounters counters, int maxInFlight) {
        this.appender = appender;
        this.stamp = stamp;
        this.gatewayId = gatewayId;
        this.counters = counters;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Replaces the device-to-topic routes; events of devices not in the map are dropped as no-route. */
    public void route(Map<String, String> deviceTopics, String newGatewayId) {
        routes = Map.copyOf(deviceTopics);
        gatewayId = newGatewayId;
    }

    @Override
    public void accept(DeviceEvent event) {
        String topic = routes.get(event.deviceId());
        if (topic == null) {
            drop(event.deviceId(), DropReason.NO_ROUTE, "no topic configured");
            return;
        }
        append(topic, event);
    }

    /** Appends to a given topic, bypassing the routes; used by the synthetic load of {@code --rate}. */
    public void append(String topic, DeviceEvent event) {
        String device = event.deviceId();
        if (!inFlight.tryAcquire()) {
            drop(device, DropReason.BACKLOG_FULL, maxInFlight + " appends already waiting for the log");
            return;
        }
        CompletableFuture<AppendResult> f;
        try {
            f = appender.append(topic, EventRecords.toRecord(event, gatewayId, stamp.headersFor(event)));
        } catch (RuntimeException e) {
            drop(device, reason(e), e.getMessage());
            inFlight.release();
            return;
        }
        f.whenComplete((ok, err) -> {
            // Count before freeing the slot, so awaitIdle returning means every outcome is counted.
            if (err == null) {
                counters.appended(device, topic);
            } else {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                drop(device, reason(cause), cause.getMessage());
            }
            inFlight.release();
        });
    }

    /** Appends not yet acknowledged or refused by the log. */
    public int inFlight() {
        return maxInFlight - inFlight.availablePermits();
    }

    /**
     * Waits until every append handed to the log was acknowledged or refused, at most {@code timeout}; true if
     * none is left. Shutdown calls it after stopping the devices and before closing the log.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        if (!inFlight.tryAcquire(maxInFlight, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        inFlight.release(maxInFlight);
        return true;
    }

    private static DropReason reason(Throwable t) {
        if (t instanceof DiskFullException) {
            return DropReason.DISK_FULL;
        }
        if (t instanceof RecordTooLargeException) {
            return DropReason.TOO_LARGE;
        }
        return DropReason.LOG_ERROR;
    }

    private void drop(String device, DropReason reason, String detail) {
        long n = counters.dropped(device, reason);
        if (Long.bitCount(n) == 1) {
            LOG.warn("{}: event dropped ({}, {} so far): {}", device, reason.label(), n, detail);
        }
    }
}
