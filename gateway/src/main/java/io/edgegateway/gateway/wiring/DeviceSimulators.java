package io.edgegateway.gateway.wiring;

import io.edgegateway.drivers.Clock;
import io.edgegateway.drivers.bme280.Bme280Options;
import io.edgegateway.drivers.sim.Bme280Simulator;
import io.edgegateway.drivers.sim.DailyWeather;
import io.edgegateway.drivers.sim.SimulatedHardware;
import io.edgegateway.gateway.config.DeviceConfig;
import java.util.random.RandomGenerator;

/**
 * Puts a simulated chip wherever a configured device expects one on the {@link SimulatedHardware}, so
 * {@code --simulate} runs the real drivers against bus-level simulators. A device type without a simulator
 * here finds nothing on its bus and is retried by the supervisor like an unplugged device, which the health
 * page shows; it is not an error of the config.
 */
public final class DeviceSimulators {
    private final SimulatedHardware hardware;
    private final Clock clock;

    public DeviceSimulators(SimulatedHardware hardware, Clock clock) {
        this.hardware = hardware;
        this.clock = clock;
    }

    /** Attaches the simulator for one device; true if its type has one. */
    public boolean attach(DeviceConfig device) {
        if (device.device().options() instanceof Bme280Options o) {
            hardware.i2c().attach(o.i2cBus(), o.address(),
                    new Bme280Simulator(clock, new DailyWeather(21, 3, RandomGenerator.getDefault())));
            return true;
        }
        return false;
    }
}
