package io.edgegateway.uplink;

import java.util.function.LongSupplier;

/**
 * A bandwidth cap in bytes per second (a token bucket in its "theoretical arrival time" form). Up to one
 * second of unused rate accumulates as burst credit; beyond it, {@link #reserve} tells how long to wait so
 * that the average over any longer stretch stays at the cap. A rate of 0 disables the cap. Bytes are
 * counted when reserved: a batch that is re-sent after a failure uses the link again and is counted again.
 * Not thread-safe (the forwarder thread owns it).
 */
final class Throttle {
    private static final long BURST_NANOS = 1_000_000_000L;

    private final long bytesPerSecond;
    private final LongSupplier nanoTime;
    private long tat;

    Throttle(long bytesPerSecond, LongSupplier nanoTime) {
        this.bytesPerSecond = bytesPerSecond;
        this.nanoTime = nanoTime;
        this.tat = nanoTime.getAsLong() - BURST_NANOS;
    }

    boolean enabled() {
        return bytesPerSecond > 0;
    }

    /** The most bytes worth putting in one batch: about one second of the rate, at least 1 KiB. */
    int batchBytes(int configured) {
        return enabled() ? (int) Math.max(1024, Math.min(configured, bytesPerSecond)) : configured;
    }

    /** Books {@code bytes} and returns the nanoseconds to wait before sending them (0 = now). */
    long reserve(long bytes) {
        if (!enabled()) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        if (tat < now - BURST_NANOS) {
            tat = now - BURST_NANOS;
        }
        tat += (long) (bytes * 1e9 / bytesPerSecond);
        return Math.max(0, tat - now);
    }
}
