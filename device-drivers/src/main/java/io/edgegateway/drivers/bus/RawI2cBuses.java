package io.edgegateway.drivers.bus;

/**
 * Implemented by a {@link Buses} that can also open I2C devices for plain transfers ({@link RawI2cDevice}).
 * Kept as a separate interface so existing {@code Buses} implementations stay valid; drivers that need raw
 * transfers check for it and report a misconfiguration when it is missing.
 */
public interface RawI2cBuses {
    RawI2cDevice rawI2c(int bus, int address) throws BusException;
}
