package io.edgegateway.drivers;

/**
 * Where drivers' events go. The gateway implements it by appending to the local log; tests collect into a
 * list. Called from driver threads (GPIO listener threads, the scheduler), so implementations must be
 * thread-safe and should return quickly. An exception thrown here is caught and counted by the supervisor as
 * a {@code sink-failed} reject of that device; it never stops the driver.
 */
@FunctionalInterface
public interface EventSink {
    void accept(DeviceEvent event);
}
