package io.edgegateway.drivers.bus;

/**
 * An open serial port (UART header pins, USB adapter, or a simulated in-process link). Reads wait at most the
 * given timeout and return what has arrived so far, so a driver polling a quiet line is never stuck; a
 * removed USB adapter surfaces as a {@link BusException}. One reader thread and one writer at a time.
 */
public interface SerialLink extends AutoCloseable {
    /** The path the link was opened with, e.g. {@code /dev/serial/by-id/usb-FTDI_...-if00-port0}. */
    String path();

    /**
     * Reads up to {@code length} bytes, waiting at most {@code timeoutMillis} for the first one.
     *
     * @return bytes read, 0 when nothing arrived in time
     */
    int read(byte[] buffer, int offset, int length, long timeoutMillis) throws BusException;

    void write(byte[] data, int offset, int length) throws BusException;

    @Override
    void close();
}
