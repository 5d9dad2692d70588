package io.edgegateway.gateway.wiring;

import io.edgegateway.drivers.Clock;
import io.edgegateway.drivers.Scheduler;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.bus.hardware.BoardHardware;
import io.edgegateway.drivers.bus.hardware.HardwareBuses;
import io.edgegateway.drivers.sim.SimulatedHardware;
import io.edgegateway.gateway.config.DeviceConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the configured devices run on: the real buses of the config's board ({@link HardwareBuses}), or, with
 * {@code --simulate}, a {@link SimulatedHardware} whose {@link DeviceSimulators} put a simulated chip wherever
 * a device expects one just before it starts. The run command chooses one and hands {@link #buses()} and
 * {@link #beforeStart} to the {@link GatewayRuntime}; closing releases the buses (and stops the simulators).
 */
public final class DeviceHardware implements AutoCloseable {
    private final Buses buses;
    private final DeviceSimulators simulators;
    private final Runnable release;

    private DeviceHardware(Buses buses, DeviceSimulators simulators, Runnable release) {
        this.buses = buses;
        this.simulators = simulators;
        this.release = release;
    }

    /**
     * Simulated chips in {@code workDir}; {@code simulationBroker} is the URI of the simulation's own MQTT
     * broker, or null.
     */
    public static DeviceHardware simulated(Clock clock, Scheduler scheduler, Path workDir, String simulationBroker)
            throws IOException {
        SimulatedHardware hardware = new SimulatedHardware(clock, workDir);
        DeviceSimulators simulators = new DeviceSimulators(hardware, clock, scheduler, simulationBroker);
        return new DeviceHardware(hardware.buses(), simulators, hardware::close);
    }

    /** The real buses of {@code board} (see {@link BoardHardware#of} for refusing a simulated one). */
    public static DeviceHardware board(BoardHardware board, Clock clock) {
        HardwareBuses buses = HardwareBuses.forBoard(board, clock);
        return new DeviceHardware(buses, null, buses::close);
    }

    public Buses buses() {
        return buses;
    }

    /** Called just before a device (re)starts: attaches its simulated chip; nothing to do on real hardware. */
    public void beforeStart(DeviceConfig device) {
        if (simulators != null) {
            simulators.attach(device);
        }
    }

    @Override
    public void close() {
        try {
            if (simulators != null) {
                simulators.close();
            }
        } finally {
            release.run();
        }
    }
}
