package io.edgegateway.drivers;

/**
 * The time source of drivers and the supervisor. Wall time stamps events; monotonic time measures durations
 * (debounce windows, how long a pin stayed high) and never jumps when NTP corrects the wall clock. Boards
 * without a real-time clock boot with a wrong wall clock, so {@link #isSynchronized()} tells the event's
 * clock-quality header whether the wall time can be trusted.
 */
public interface Clock {
    long wallMillis();

    long monotonicNanos();

    /** Whether the wall clock is known to be synchronized to UTC (NTP, GPS). */
    boolean isSynchronized();

    /** The JVM clocks, reported as unsynchronized until the gateway knows better. */
    static Clock system() {
        return SystemClock.UNSYNCHRONIZED;
    }
}
