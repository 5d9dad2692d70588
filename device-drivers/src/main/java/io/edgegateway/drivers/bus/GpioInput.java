package io.edgegateway.drivers.bus;

/**
 * One GPIO pin configured as input, with the bias chosen at open time. Reports raw edges only: debouncing
 * and edge selection belong to the driver, because Wiegand needs 50 µs pulses passed through untouched
 * while a push button needs 20 ms of filtering.
 */
public interface GpioInput extends AutoCloseable {
    /** BCM GPIO number. */
    int pin();

    boolean isHigh() throws BusException;

    /** Sets (or with null clears) the single listener; edges before this call are not replayed. */
    void setListener(EdgeListener listener);

    @Override
    void close();
}
