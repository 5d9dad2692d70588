package io.edgegateway.drivers;

/**
 * Names of the headers every {@link DeviceEvent} carries. The gateway adds its own (gateway id) when it
 * appends to the log; drivers never set these by hand, the supervisor's context does.
 */
public final class EventHeaders {
    /** The driver type name, e.g. {@code bme280}. */
    public static final String DEVICE_TYPE = "device-type";
    /** Implementation that produced the event, {@code <type>/<version>}, to tell decoder revisions apart. */
    public static final String DRIVER = "driver";
    /** {@code synchronized} or {@code unsynchronized}: whether the wall clock was trusted at event time. */
    public static final String CLOCK_QUALITY = "clock-quality";

    private EventHeaders() {
    }
}
