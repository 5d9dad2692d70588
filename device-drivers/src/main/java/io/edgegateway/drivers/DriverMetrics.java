package io.edgegateway.drivers;

import java.util.Map;

/**
 * Read-only counters of one device, for the gateway's metrics and web page. Rejects are counted per reason
 * (a short kebab-case constant defined by the driver, e.g. {@code bad-parity}), so the set of reasons stays
 * small and fixed. Counters only grow and survive driver restarts.
 */
public interface DriverMetrics {
    long eventsEmitted();

    /** Reject counts by reason, a snapshot. */
    Map<String, Long> rejectsByReason();

    long rejectsTotal();

    /** How many times the driver was (re)started after a failure. */
    long restarts();
}
