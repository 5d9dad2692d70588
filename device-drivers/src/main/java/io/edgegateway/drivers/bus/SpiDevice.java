package io.edgegateway.drivers.bus;

/**
 * One SPI device on one chip-select line. SPI is full duplex: every byte clocked out clocks one in, so
 * {@link #transfer} sends {@code tx} and fills {@code rx} with what the device sent meanwhile (register
 * reads put the address in the first byte and read the value from the following ones).
 */
public interface SpiDevice extends AutoCloseable {
    /** Sends {@code length} bytes of {@code tx} and stores the bytes received at the same time into {@code rx}. */
    void transfer(byte[] tx, byte[] rx, int length) throws BusException;

    @Override
    void close();
}
