package io.edgegateway.drivers.sim;

import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.SerialLink;
import io.edgegateway.drivers.bus.SerialParams;

/**
 * The device end of a simulated serial line: what a simulator writes here the driver reads from its
 * {@link SerialLink}, and what the driver writes the simulator reads with {@link #readFromHost}. The serial
 * parameters the driver opened with are recorded, so a simulator can garble bytes when the baud rate is
 * wrong, as a real line would.
 */
public final class SimulatedSerialDevice {
    private final String path;
    private final int capacity;
    private volatile ByteQueue toHost;
    private volatile ByteQueue fromHost;
    private volatile SerialParams hostParams;
    private volatile boolean unplugged;

    SimulatedSerialDevice(String path, int capacity) {
        this.path = path;
        this.capacity = capacity;
        this.toHost = new ByteQueue(capacity);
        this.fromHost = new ByteQueue(capacity);
    }

    public String path() {
        return path;
    }

    /** Sends bytes to the driver; dropped once unplugged. */
    public void write(byte[] data) {
        if (!unplugged) {
            toHost.write(data, 0, data.length);
        }
    }

    /** Reads what the driver sent, waiting up to {@code timeoutMillis}; 0 when nothing came. */
    public int readFromHost(byte[] buffer, long timeoutMillis) throws InterruptedException {
        return Math.max(0, fromHost.read(buffer, 0, buffer.length, timeoutMillis));
    }

    /** Serial parameters of the driver's current connection, null before it opened the port. */
    public SerialParams hostParams() {
        return hostParams;
    }

    /** Bytes lost because the driver did not read fast enough. */
    public long overruns() {
        return toHost.overruns();
    }

    /** Simulates pulling the cable: the driver's reads and writes fail from now on. */
    public void unplug() {
        unplugged = true;
        toHost.close();
        fromHost.close();
    }

    boolean isUnplugged() {
        return unplugged;
    }

    /** A fresh pair of queues per connection, so bytes of an old session do not leak into a new one. */
    synchronized SerialLink connect(SerialParams params) {
        toHost = new ByteQueue(capacity);
        fromHost = new ByteQueue(capacity);
        hostParams = params;
        ByteQueue in = toHost;
        ByteQueue out = fromHost;
        return new SerialLink() {
            private volatile boolean closed;

            @Override
            public String path() {
                return path;
            }

            @Override
            public int read(byte[] buffer, int offset, int length, long timeoutMillis) throws BusException {
                check();
                try {
                    int n = in.read(buffer, offset, length, timeoutMillis);
                    if (n < 0) {
                        throw new BusException("serial port " + path + " read failed (device removed?)");
                    }
                    return n;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BusException("interrupted reading " + path, e);
                }
            }

            @Override
            public void write(byte[] data, int offset, int length) throws BusException {
                check();
                out.write(data, offset, length);
            }

            private void check() throws BusException {
                if (closed) {
                    throw new BusException("serial port " + path + " is closed");
                }
                if (unplugged) {
                    throw new BusException("serial port " + path + " read failed (device removed?)");
                }
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }
}
