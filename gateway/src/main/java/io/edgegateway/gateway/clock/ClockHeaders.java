package io.edgegateway.gateway.clock;

/**
 * Headers the gateway adds to events stamped by an unsynchronized clock, so their timestamps can be corrected
 * later: the boot they were stamped in, and the wall time that boot appeared to start at under the clock of
 * that moment ({@code wall - monotonic}). Once the clock is synchronized, the true boot wall time is known,
 * and the difference is exactly the error of that event's timestamp.
 */
public final class ClockHeaders {
    public static final String BOOT_ID = "boot-id";
    public static final String BOOT_WALL_MS = "boot-wall-ms";

    private ClockHeaders() {
    }
}
