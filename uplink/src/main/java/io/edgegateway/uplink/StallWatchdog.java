package io.edgegateway.uplink;

import java.time.Clock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches the most common field failure of gateways: connected, backlog waiting, nothing forwarded. When
 * the state is online, unpaused topics have a backlog, and nothing was committed for
 * {@code stall.timeout.ms} (counted from the later of the last commit and the moment the state became
 * online; waiting for the daily budget does not count), it logs the stall, counts it, tells the listener,
 * marks the connectivity degraded and has the forwarder throw away its producer (which fails whatever call
 * it is stuck in). {@link #check()} is called periodically by the uplink's scheduler.
 */
final class StallWatchdog {
    private static final Logger log = LoggerFactory.getLogger(StallWatchdog.class);

    private final Clock clock;
    private final long timeoutMs;
    private final Connectivity connectivity;
    private final LongSupplier backlogEvents;
    private final LongSupplier lastCommitAtMs;
    private final Runnable rebuild;
    private final UplinkListener listener;
    private final java.util.function.BooleanSupplier idleByDesign;
    private long onlineSinceMs = -1;
    private long lastStallAtMs = -1;
    private long stalls;

    StallWatchdog(Clock clock, long timeoutMs, Connectivity connectivity, LongSupplier backlogEvents,
            LongSupplier lastCommitAtMs, Runnable rebuild, UplinkListener listener,
            java.util.function.BooleanSupplier idleByDesign) {
        this.clock = clock;
        this.timeoutMs = timeoutMs;
        this.connectivity = connectivity;
        this.backlogEvents = backlogEvents;
        this.lastCommitAtMs = lastCommitAtMs;
        this.rebuild = rebuild;
        this.listener = listener;
        this.idleByDesign = idleByDesign;
    }

    synchronized void check() {
        long now = clock.millis();
        if (connectivity.state() != ConnectivityState.ONLINE) {
            onlineSinceMs = -1;
            return;
        }
        if (idleByDesign.getAsBoolean()) {
            // Waiting for the daily budget is not a stall; the quiet time counts from when it refills.
            onlineSinceMs = now;
            return;
        }
        if (onlineSinceMs < 0) {
            onlineSinceMs = now;
        }
        long since = Math.max(Math.max(onlineSinceMs, lastCommitAtMs.getAsLong()), lastStallAtMs);
        if (now - since < timeoutMs) {
            return;
        }
        long backlog = backlogEvents.getAsLong();
        if (backlog <= 0) {
            return;
        }
        stalls++;
        lastStallAtMs = now;
        long quiet = now - Math.max(onlineSinceMs, lastCommitAtMs.getAsLong());
        log.warn("uplink stalled: online with {} events waiting but nothing committed for {} ms; rebuilding the producer",
                backlog, quiet);
        listener.onStall(quiet);
        connectivity.failure("stalled: nothing committed for " + quiet + " ms with " + backlog + " events waiting");
        rebuild.run();
    }

    synchronized long stalls() {
        return stalls;
    }
}
