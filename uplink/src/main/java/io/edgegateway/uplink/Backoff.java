package io.edgegateway.uplink;

import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits a random time between half and all
 * of {@code min(max, initial * 2^(n-1))}. The jitter spreads the reconnects of a fleet of gateways after a
 * central outage, so they do not all hit the cluster in the same second. Not thread-safe.
 */
final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private final DoubleSupplier random;
    private int failures;

    Backoff(long initialMs, long maxMs, DoubleSupplier random) {
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.random = random;
    }

    /** Records a failure and returns how long to wait before the next attempt. */
    long nextDelayMs() {
        failures++;
        long ceiling = initialMs;
        for (int i = 1; i < failures && ceiling < maxMs; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxMs);
        return ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2));
    }

    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
