package io.edgegateway.drivers.sim;

import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.bus.GpioInput;
import io.edgegateway.drivers.bus.GpioOutput;
import io.edgegateway.drivers.bus.I2cDevice;
import io.edgegateway.drivers.bus.OneWireBus;
import io.edgegateway.drivers.bus.Pull;
import io.edgegateway.drivers.bus.RawI2cBuses;
import io.edgegateway.drivers.bus.RawI2cDevice;
import io.edgegateway.drivers.bus.SerialLink;
import io.edgegateway.drivers.bus.SerialParams;
import io.edgegateway.drivers.bus.SpiDevice;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The buses of a {@link SimulatedHardware}: everything goes to the Pi4J-backed buses unchanged, except that an
 * SPI bus and chip select with a simulated chip attached opens that chip. Pi4J's mock SPI answers every
 * transfer with zeros, which a register-level driver such as the MFRC522's reads as an absent chip, so the
 * simulator has to sit where the driver opens its device. Thread-safe.
 */
final class SimulatedSpiBuses implements Buses, RawI2cBuses {
    private final Buses delegate;
    private final RawI2cBuses raw;
    private final Map<String, SpiDevice> chips = new ConcurrentHashMap<>();

    <B extends Buses & RawI2cBuses> SimulatedSpiBuses(B delegate) {
        this.delegate = delegate;
        this.raw = delegate;
    }

    void attach(int bus, int chipSelect, SpiDevice chip) {
        chips.put(bus + "." + chipSelect, chip);
    }

    @Override
    public SpiDevice spi(int bus, int chipSelect, int clockHz, int mode) throws BusException {
        SpiDevice chip = chips.get(bus + "." + chipSelect);
        return chip != null ? chip : delegate.spi(bus, chipSelect, clockHz, mode);
    }

    @Override
    public GpioInput gpioInput(int bcmPin, Pull pull) throws BusException {
        return delegate.gpioInput(bcmPin, pull);
    }

    @Override
    public GpioOutput gpioOutput(int bcmPin, boolean initialHigh) throws BusException {
        return delegate.gpioOutput(bcmPin, initialHigh);
    }

    @Override
    public I2cDevice i2c(int bus, int address) throws BusException {
        return delegate.i2c(bus, address);
    }

    @Override
    public RawI2cDevice rawI2c(int bus, int address) throws BusException {
        return raw.rawI2c(bus, address);
    }

    @Override
    public SerialLink serial(String path, SerialParams params) throws BusException {
        return delegate.serial(path, params);
    }

    @Override
    public OneWireBus oneWire() {
        return delegate.oneWire();
    }
}
