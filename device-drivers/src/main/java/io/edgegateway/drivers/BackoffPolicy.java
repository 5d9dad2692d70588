package io.edgegateway.drivers;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for restarting failed devices: the n-th consecutive failure waits
 * {@code min(max, initial * 2^(n-1))}, scaled by a random factor in {@code [1 - jitter, 1 + jitter]} so
 * devices that failed together (a shared bus glitch) do not retry in lockstep. A device that ran for at least
 * {@code maxMillis} before failing starts again from the initial delay.
 */
public record BackoffPolicy(long initialMillis, long maxMillis, double jitter, RandomGenerator random) {
    public BackoffPolicy {
        if (initialMillis <= 0 || maxMillis < initialMillis || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("bad backoff: initial " + initialMillis + " ms, max " + maxMillis
                    + " ms, jitter " + jitter);
        }
    }

    /** 1 s doubling up to 60 s, ±20 %. */
    public static BackoffPolicy defaults() {
        return new BackoffPolicy(1_000, 60_000, 0.2, RandomGenerator.getDefault());
    }

    /** Delay before the next attempt after {@code failures} consecutive failures (1 = first failure). */
    public long delayMillis(int failures) {
        long base = initialMillis;
        for (int i = 1; i < failures && base < maxMillis; i++) {
            base *= 2;
        }
        base = Math.min(base, maxMillis);
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Math.max(1, Math.round(base * factor));
    }
}
