package io.edgegateway.uplink;

import java.time.Clock;

/**
 * A daily byte budget for metered links: at most {@code limit} bytes are sent per UTC day; when it is
 * spent, forwarding waits for the next UTC midnight and the events stay in the local log. Bytes are counted
 * when sent (a retried batch costs again, as on the bill). The count starts at zero when the process
 * starts. A limit of 0 disables it. Thread-safe.
 */
final class DailyBudget {
    static final long DAY_MS = 86_400_000L;

    private final long limit;
    private final Clock clock;
    private long day = -1;
    private long used;

    DailyBudget(long limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    boolean enabled() {
        return limit > 0;
    }

    /** Bytes still allowed today ({@code Long.MAX_VALUE} without a budget). */
    synchronized long remaining() {
        if (!enabled()) {
            return Long.MAX_VALUE;
        }
        roll();
        return Math.max(0, limit - used);
    }

    synchronized void consume(long bytes) {
        roll();
        used += bytes;
    }

    synchronized long usedToday() {
        roll();
        return used;
    }

    /** Milliseconds until the budget refills (the next UTC midnight). */
    long millisUntilRefill() {
        long now = clock.millis();
        return DAY_MS - Math.floorMod(now, DAY_MS);
    }

    private void roll() {
        long d = Math.floorDiv(clock.millis(), DAY_MS);
        if (d != day) {
            day = d;
            used = 0;
        }
    }
}
