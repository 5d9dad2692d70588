package io.edgegateway.drivers.sim;

import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.SerialLink;
import io.edgegateway.drivers.bus.SerialParams;
import io.edgegateway.drivers.bus.SerialPorts;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SerialPorts} whose ports are in-process pipes, for simulators of serial devices (RDM6300, GPS,
 * PN532 HSU, Arduino lines). A simulator {@link #attach}es a {@link SimulatedSerialDevice} at a path; a driver
 * opening that path gets the other end. {@link SimulatedSerialDevice#unplug()} makes the driver's next read
 * fail and later opens report "not found", like a pulled USB adapter. Thread-safe.
 */
public final class SimulatedSerialPorts implements SerialPorts {
    /** Bytes buffered per direction before overrun, like a generous UART FIFO plus driver buffer. */
    public static final int CAPACITY = 64 * 1024;

    private final Map<String, SimulatedSerialDevice> devices = new ConcurrentHashMap<>();

    /** Plugs in a device at {@code path}; replaces (and unplugs) one already there. */
    public SimulatedSerialDevice attach(String path) {
        SimulatedSerialDevice d = new SimulatedSerialDevice(path, CAPACITY);
        SimulatedSerialDevice old = devices.put(path, d);
        if (old != null) {
            old.unplug();
        }
        return d;
    }

    @Override
    public SerialLink open(String path, SerialParams params) throws BusException {
        SimulatedSerialDevice d = devices.get(path);
        if (d == null || d.isUnplugged()) {
            throw new BusException("serial port " + path + " not found (unplugged, or UART not enabled?)");
        }
        return d.connect(params);
    }
}
