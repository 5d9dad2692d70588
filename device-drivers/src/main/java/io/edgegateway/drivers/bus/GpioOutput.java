package io.edgegateway.drivers.bus;

/** One GPIO pin configured as push-pull output (relays, LEDs, a reader's beeper line). */
public interface GpioOutput extends AutoCloseable {
    /** BCM GPIO number. */
    int pin();

    void set(boolean high) throws BusException;

    boolean isHigh() throws BusException;

    @Override
    void close();
}
