package io.edgegateway.gateway.clock;

import io.edgegateway.drivers.EventHeaders;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Corrects the timestamp of an event stamped before the clock was synchronized, for the uplink to apply
 * before forwarding. An event is corrected when it says {@code clock-quality: unsynchronized} and carries the
 * {@link ClockHeaders} of a boot whose true start time is known: the corrected time is its timestamp minus
 * (apparent boot wall time minus true boot wall time). Everything else keeps its timestamp: synchronized
 * events need nothing, and a boot that never synchronized has no known error. Only timestamps change; the
 * order of events in the log is never touched. Thread-safe.
 */
public final class TimestampCorrector {
    private final Map<String, Long> trueBootWallMs = new ConcurrentHashMap<>();

    /** Records that {@code bootId} truly started at {@code wallMs}. */
    public void learn(String bootId, long wallMs) {
        trueBootWallMs.put(bootId, wallMs);
    }

    public long correct(Map<String, String> headers, long timestampMs) {
        if (!"unsynchronized".equals(headers.get(EventHeaders.CLOCK_QUALITY))) {
            return timestampMs;
        }
        String bootId = headers.get(ClockHeaders.BOOT_ID);
        String apparent = headers.get(ClockHeaders.BOOT_WALL_MS);
        Long truth = bootId == null ? null : trueBootWallMs.get(bootId);
        if (truth == null || apparent == null) {
            return timestampMs;
        }
        try {
            return timestampMs - (Long.parseLong(apparent) - truth);
        } catch (NumberFormatException e) {
            return timestampMs;
        }
    }
}
