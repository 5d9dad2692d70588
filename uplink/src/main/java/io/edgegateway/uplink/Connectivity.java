package io.edgegateway.uplink;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The online / degraded / offline state machine. A success makes it online; a failure while online makes
 * it degraded; failures lasting {@code offlineAfterMs} since the first one make it offline. Each
 * transition is logged once (not each retry) and counted per target state, and the time spent per state
 * is kept, for metrics. Thread-safe.
 */
final class Connectivity {
    private static final Logger log = LoggerFactory.getLogger(Connectivity.class);

    private final Clock clock;
    private final long offlineAfterMs;
    private final UplinkListener listener;
    private ConnectivityState state = ConnectivityState.DEGRADED;
    private long stateSince;
    private long firstFailureAt = -1;
    private String lastError;
    private final Map<ConnectivityState, Long> entered = new EnumMap<>(ConnectivityState.class);
    private final Map<ConnectivityState, Long> millisIn = new EnumMap<>(ConnectivityState.class);

    Connectivity(Clock clock, long offlineAfterMs, UplinkListener listener) {
        this.clock = clock;
        this.offlineAfterMs = offlineAfterMs;
        this.listener = listener;
        this.stateSince = clock.millis();
        for (ConnectivityState s : ConnectivityState.values()) {
            entered.put(s, 0L);
            millisIn.put(s, 0L);
        }
        // Until the first operation succeeds nothing is known: start degraded, not online.
        entered.put(ConnectivityState.DEGRADED, 1L);
    }

    void success() {
        ConnectivityState from;
        synchronized (this) {
            firstFailureAt = -1;
            if (state == ConnectivityState.ONLINE) {
                return;
            }
            from = state;
            move(ConnectivityState.ONLINE);
        }
        log.info("uplink {} -> ONLINE", from);
        listener.onStateChange(from, ConnectivityState.ONLINE, "cluster answered");
    }

    void failure(String reason) {
        ConnectivityState from;
        ConnectivityState to;
        synchronized (this) {
            long now = clock.millis();
            lastError = reason;
            if (firstFailureAt < 0) {
                firstFailureAt = now;
            }
            to = now - firstFailureAt >= offlineAfterMs ? ConnectivityState.OFFLINE : ConnectivityState.DEGRADED;
            if (to == state || (state == ConnectivityState.OFFLINE && to == ConnectivityState.DEGRADED)) {
                return;
            }
            from = state;
            move(to);
        }
        log.warn("uplink {} -> {}: {}", from, to, reason);
        listener.onStateChange(from, to, reason);
    }

    private void move(ConnectivityState to) {
        long now = clock.millis();
        millisIn.merge(state, now - stateSince, Long::sum);
        state = to;
        stateSince = now;
        entered.merge(to, 1L, Long::sum);
    }

    synchronized ConnectivityState state() {
        return state;
    }

    synchronized String lastError() {
        return lastError;
    }

    /** How many times each state was entered (the initial DEGRADED counts once). */
    synchronized Map<ConnectivityState, Long> transitions() {
        return new EnumMap<>(entered);
    }

    /** Milliseconds spent in each state, including the current stretch. */
    synchronized Map<ConnectivityState, Long> millisInState() {
        Map<ConnectivityState, Long> m = new EnumMap<>(millisIn);
        m.merge(state, clock.millis() - stateSince, Long::sum);
        return m;
    }
}
