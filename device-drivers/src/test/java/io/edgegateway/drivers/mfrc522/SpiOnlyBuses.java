package io.edgegateway.drivers.mfrc522;

import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.bus.GpioInput;
import io.edgegateway.drivers.bus.GpioOutput;
import io.edgegateway.drivers.bus.I2cDevice;
import io.edgegateway.drivers.bus.OneWireBus;
import io.edgegateway.drivers.bus.Pull;
import io.edgegateway.drivers.bus.SerialLink;
import io.edgegateway.drivers.bus.SerialParams;
import io.edgegateway.drivers.bus.SpiDevice;
import java.util.ArrayList;
import java.util.List;

/** Buses that hand out one SPI device and record how it was opened; every other bus is absent. */
final class SpiOnlyBuses implements Buses {
    private final SpiDevice device;
    final List<String> opened = new ArrayList<>();

    SpiOnlyBuses(SpiDevice device) {
        this.device = device;
    }

    @Override
    public SpiDevice spi(int bus, int chipSelect, int clockHz, int mode) {
        opened.add(bus + "." + chipSelect + "@" + clockHz + "/mode" + mode);
        return device;
    }

    @Override
    public GpioInput gpioInput(int bcmPin, Pull pull) throws BusException {
        throw new BusException("no GPIO in this test");
    }

    @Override
    public GpioOutput gpioOutput(int bcmPin, boolean initialHigh) throws BusException {
        throw new BusException("no GPIO in this test");
    }

    @Override
    public I2cDevice i2c(int bus, int address) throws BusException {
        throw new BusException("no I2C in this test");
    }

    @Override
    public SerialLink serial(String path, SerialParams params) throws BusException {
        throw new BusException("no serial in this test");
    }

    @Override
    public OneWireBus oneWire() {
        throw new UnsupportedOperationException("no 1-Wire in this test");
    }
}
