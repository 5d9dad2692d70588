package io.edgegateway.drivers.bus.serial;

import com.fazecast.jSerialComm.SerialPort;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.SerialLink;

/**
 * {@link SerialLink} over an open jSerialComm port. Reads use jSerialComm's semi-blocking mode (return as
 * soon as at least one byte arrived, or after the timeout); the timeout is a port setting, so it is changed
 * only when a caller asks for a different one. A negative count from jSerialComm means the device went away
 * (a USB adapter pulled out) and becomes a {@link BusException}.
 */
final class JSerialCommLink implements SerialLink {
    private final SerialPort port;
    private final String path;
    private long currentTimeout = -1;

    JSerialCommLink(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length, long timeoutMillis) throws BusException {
        if (!port.isOpen()) {
            throw new BusException("serial port " + path + " is closed");
        }
        if (timeoutMillis != currentTimeout) {
            if (timeoutMillis <= 0) {
                port.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING, 0, 0);
            } else {
                int t = (int) Math.min(Integer.MAX_VALUE, timeoutMillis);
                port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, t, 0);
            }
            currentTimeout = timeoutMillis;
        }
        int n = port.readBytes(buffer, length, offset);
        if (n < 0) {
            throw new BusException("serial port " + path + " read failed (device removed?)");
        }
        return n;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws BusException {
        int done = 0;
        while (done < length) {
            int n = port.writeBytes(data, length - done, offset + done);
            if (n <= 0) {
                throw new BusException("serial port " + path + " write failed after " + done + " of " + length
                        + " bytes (device removed?)");
            }
            done += n;
        }
    }

    @Override
    public void close() {
        port.closePort();
    }
}
