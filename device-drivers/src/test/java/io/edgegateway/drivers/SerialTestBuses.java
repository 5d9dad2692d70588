package io.edgegateway.drivers;

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
import io.edgegateway.drivers.sim.ChipSerialPort;
import java.util.HashMap;
import java.util.Map;

/** Buses for the serial-driver tests: serial ports by path from simulators; every other bus is absent. */
public class SerialTestBuses implements Buses {
    private final Map<String, ChipSerialPort> ports = new HashMap<>();

    public SerialTestBuses with(ChipSerialPort port) {
        ports.put(port.path(), port);
        return this;
    }

    @Override
    public SerialLink serial(String path, SerialParams params) throws BusException {
        ChipSerialPort port = ports.get(path);
        if (port == null) {
            throw new BusException("no such port: " + path);
        }
        return port.open(path, params);
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
        throw new BusException("no register I2C in this test");
    }

    @Override
    public SpiDevice spi(int bus, int chipSelect, int clockHz, int mode) throws BusException {
        throw new BusException("no SPI in this test");
    }

    @Override
    public OneWireBus oneWire() {
        throw new UnsupportedOperationException("no 1-Wire in this test");
    }
}
