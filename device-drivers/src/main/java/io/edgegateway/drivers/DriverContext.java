package io.edgegateway.drivers;

import java.util.Map;

/**
 * What a running driver may use: its device id, the clock and scheduler, and three outlets. {@link #emit}
 * turns a value map into a {@link DeviceEvent} with the standard headers; {@link #reject} counts and logs a
 * malformed input (a bad parity, a CRC mismatch) that must not become an event; {@link #fail} reports that the
 * device stopped working (unplugged, bus error, timeout), after which the supervisor stops this driver
 * instance and starts a fresh one after a backoff. All methods are thread-safe and never throw; after the
 * driver was stopped they are ignored, so a late listener callback cannot emit into a restarted device.
 */
public interface DriverContext {
    String deviceId();

    Clock clock();

    Scheduler scheduler();

    /**
     * Emits one event. Field names should carry their unit ({@code temperature_c}); values may be numbers,
     * strings, booleans, nested maps and lists (anything Jackson serializes).
     *
     * @param eventTimeMs wall time the reading was taken, from {@link #clock()}
     */
    void emit(long eventTimeMs, Map<String, ?> value);

    /**
     * Counts one rejected input under {@code reason} and logs {@code detail}; the first reject of a reason and
     * then every power of two are logged at WARN, the rest at DEBUG, so a noisy line cannot flood the log.
     */
    void reject(String reason, String detail);

    /** Reports the device as broken; the supervisor stops the driver and retries with backoff. */
    void fail(DeviceException cause);
}
