package io.edgegateway.drivers.bus.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiChipSelect;
import io.edgegateway.drivers.Clock;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.bus.GpioInput;
import io.edgegateway.drivers.bus.GpioOutput;
import io.edgegateway.drivers.bus.I2cDevice;
import io.edgegateway.drivers.bus.OneWireBus;
import io.edgegateway.drivers.bus.Pull;
import io.edgegateway.drivers.bus.SerialLink;
import io.edgegateway.drivers.bus.SerialParams;
import io.edgegateway.drivers.bus.SerialPorts;
import io.edgegateway.drivers.bus.SpiDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Buses} for a Raspberry Pi or its simulation: GPIO, I2C and SPI through a Pi4J context with the
 * providers named in {@link Pi4jProviders} (real GpioD/LinuxFS ones, or mocks), serial and 1-Wire through
 * the given implementations. Each opened IO is registered in the context under a unique id and shut down
 * again when the bus object is closed, so a restarted driver can open the same pin again.
 */
public final class Pi4jBuses implements Buses {
    private static final Logger LOG = LoggerFactory.getLogger(Pi4jBuses.class);

    private final Context pi4j;
    private final Pi4jProviders providers;
    private final Clock clock;
    private final SerialPorts serialPorts;
    private final OneWireBus oneWire;

    public Pi4jBuses(Context pi4j, Pi4jProviders providers, Clock clock, SerialPorts serialPorts,
                     OneWireBus oneWire) {
        this.pi4j = pi4j;
        this.providers = providers;
        this.clock = clock;
        this.serialPorts = serialPorts;
        this.oneWire = oneWire;
    }

    @Override
    public GpioInput gpioInput(int bcmPin, Pull pull) throws BusException {
        String id = "gpio-in-" + bcmPin;
        try {
            DigitalInput in = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id)
                    .address(bcmPin + providers.gpioAddressOffset()).pull(pullOf(pull)).debounce(0L)
                    .provider(providers.digitalInput()));
            return new Pi4jGpioInput(in, bcmPin, clock, () -> release(id));
        } catch (RuntimeException e) {
            throw new BusException("cannot open GPIO" + bcmPin + " as input: " + e.getMessage(), e);
        }
    }

    @Override
    public GpioOutput gpioOutput(int bcmPin, boolean initialHigh) throws BusException {
        String id = "gpio-out-" + bcmPin;
        DigitalState initial = initialHigh ? DigitalState.HIGH : DigitalState.LOW;
        try {
            DigitalOutput out = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id)
                    .address(bcmPin + providers.gpioAddressOffset()).initial(initial).shutdown(initial)
                    .provider(providers.digitalOutput()));
            return new Pi4jGpioOutput(out, bcmPin, () -> release(id));
        } catch (RuntimeException e) {
            throw new BusException("cannot open GPIO" + bcmPin + " as output: " + e.getMessage(), e);
        }
    }

    @Override
    public I2cDevice i2c(int bus, int address) throws BusException {
        String id = "i2c-" + bus + "-" + Integer.toHexString(address);
        try {
            I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id(id).bus(bus).device(address)
                    .provider(providers.i2c()));
            return new Pi4jI2cDevice(i2c, bus, address, () -> release(id));
        } catch (RuntimeException e) {
            throw new BusException("cannot open I2C bus " + bus + " device 0x" + Integer.toHexString(address)
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SpiDevice spi(int bus, int chipSelect, int clockHz, int mode) throws BusException {
        String id = "spi-" + bus + "-" + chipSelect;
        try {
            Spi spi = pi4j.create(Spi.newConfigBuilder(pi4j).id(id).bus(bus).chipSelect(SpiChipSelect.getByNumber(
                    chipSelect)).baud(clockHz).mode(mode).provider(providers.spi()));
            return new Pi4jSpiDevice(spi, "SPI " + bus + "." + chipSelect, () -> release(id));
        } catch (RuntimeException e) {
            throw new BusException("cannot open SPI " + bus + "." + chipSelect + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SerialLink serial(String path, SerialParams params) throws BusException {
        return serialPorts.open(path, params);
    }

    @Override
    public OneWireBus oneWire() {
        return oneWire;
    }

    private void release(String id) {
        try {
            pi4j.shutdown(id);
        } catch (RuntimeException e) {
            LOG.debug("releasing {} failed, ignored: {}", id, e.toString());
        }
    }

    private static PullResistance pullOf(Pull pull) {
        return switch (pull) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case OFF -> PullResistance.OFF;
        };
    }
}
