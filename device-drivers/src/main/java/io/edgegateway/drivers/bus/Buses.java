package io.edgegateway.drivers.bus;

/**
 * Where drivers get their buses. The gateway builds one from the board config (real Pi4J providers,
 * jSerialComm, the w1 sysfs folder); simulation builds one over Pi4J's mock providers and in-process serial
 * links. Drivers open what they need in {@code start} and close it in {@code stop}.
 */
public interface Buses {
    GpioInput gpioInput(int bcmPin, Pull pull) throws BusException;

    GpioOutput gpioOutput(int bcmPin, boolean initialHigh) throws BusException;

    I2cDevice i2c(int bus, int address) throws BusException;

    /** SPI device on {@code /dev/spidev<bus>.<chipSelect>}, mode 0..3. */
    SpiDevice spi(int bus, int chipSelect, int clockHz, int mode) throws BusException;

    SerialLink serial(String path, SerialParams params) throws BusException;

    OneWireBus oneWire();
}
