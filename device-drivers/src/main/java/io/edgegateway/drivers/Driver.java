package io.edgegateway.drivers;

/**
 * One device instance: turns bus bytes and edges into events. The supervisor creates a fresh instance for
 * every start attempt (from {@link DriverType#create}), so a driver never has to reset itself after a
 * failure. {@code start} opens the buses, checks the device is the expected chip, and arranges its work
 * (listeners or a periodic poll via the context's scheduler); it may block for a bounded time only, since it
 * runs on the shared scheduler. While running, a driver reports malformed input with
 * {@link DriverContext#reject} and a broken device with {@link DriverContext#fail}.
 */
public interface Driver {
    void start(DriverContext context) throws DeviceException;

    /** Cancels scheduled work and closes buses; idempotent, never throws, safe after a failed start. */
    void stop();
}
