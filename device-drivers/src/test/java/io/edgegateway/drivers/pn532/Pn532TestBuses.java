package io.edgegateway.drivers.pn532;

import io.edgegateway.drivers.SerialTestBuses;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.RawI2cBuses;
import io.edgegateway.drivers.bus.RawI2cDevice;
import io.edgegateway.drivers.sim.Pn532Simulator;

/** Test buses with the simulated PN532 on I2C bus 1 and on its HSU port. */
final class Pn532TestBuses extends SerialTestBuses implements RawI2cBuses {
    private final Pn532Simulator chip;

    Pn532TestBuses(Pn532Simulator chip) {
        this.chip = chip;
        with(chip.hsu());
    }

    @Override
    public RawI2cDevice rawI2c(int bus, int address) throws BusException {
        if (bus != 1) {
            throw new BusException("no I2C bus " + bus);
        }
        return chip.openI2c(bus, address);
    }
}
