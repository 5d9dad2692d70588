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
 * fail and later opens report "not found", like a pulled USB adapter. The chip simulators written against a
 * {@link ChipSerialPort} are {@link #mount}ed here at their port's path, so they serve the same drivers on the
 * same simulated board. Thread-safe.
 */
public final class SimulatedSerialPorts implements SerialPorts {
    /** Bytes buffered per direction before overrun, like a generous UART FIFO plus driver buffer. */
    public static final int CAPACITY = 64 * 1024;

    private final Map<String, SimulatedSerialDevice> devices = new ConcurrentHashMap<>();
    private final Map<String, ChipSerialPort> chips = new ConcurrentHashMap<>();

    /**
     * Makes {@code port} answer opens of its path, replacing any chip mounted there before; the old chip is
     * unplugged so a driver still holding it fails and reopens onto the new one.
     */
    public ChipSerialPort mount(ChipSerialPort port) {
        ChipSerialPort old = chips.put(port.path(), port);
        if (old != null && old != port) {
            old.unplug();
        }
        return port;
    }

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
        ChipSerialPort chip = chips.get(path);
        if (chip != null) {
            return chip.open(path, params);
        }
        SimulatedSerialDevice d = devices.get(path);
        if (d == null || d.isUnplugged()) {
            throw new BusException("serial port " + path + " not found (unplugged, or UART not enabled?)");
        }
        return d.connect(params);
    }
}
