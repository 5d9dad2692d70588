package io.edgegateway.drivers.bus.pi4j;

import com.pi4j.io.i2c.I2C;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.I2cDevice;

/**
 * {@link I2cDevice} over a Pi4J {@link I2C}. A burst read is one Pi4J {@code readRegister(reg, buf, off, len)}
 * call, which the LinuxFS provider performs as a single write-then-read transaction; a short read is an error
 * because a partial sample would mix old and new shadow registers.
 */
final class Pi4jI2cDevice implements I2cDevice {
    private final I2C i2c;
    private final int bus;
    private final int address;
    private final Runnable release;

    Pi4jI2cDevice(I2C i2c, int bus, int address, Runnable release) {
        this.i2c = i2c;
        this.bus = bus;
        this.address = address;
        this.release = release;
    }

    @Override
    public int bus() {
        return bus;
    }

    @Override
    public int address() {
        return address;
    }

    @Override
    public int readRegister(int register) throws BusException {
        int v;
        try {
            v = i2c.readRegister(register);
        } catch (RuntimeException e) {
            throw error("read", register, e);
        }
        if (v < 0) {
            throw new BusException(where() + " read of register 0x" + Integer.toHexString(register)
                    + " failed with " + v);
        }
        return v & 0xFF;
    }

    @Override
    public void readRegisters(int register, byte[] buffer, int offset, int length) throws BusException {
        int n;
        try {
            n = i2c.readRegister(register, buffer, offset, length);
        } catch (RuntimeException e) {
            throw error("burst read", register, e);
        }
        if (n != length) {
            throw new BusException(where() + " burst read at 0x" + Integer.toHexString(register) + " returned " + n
                    + " of " + length + " bytes");
        }
    }

    @Override
    public void writeRegister(int register, int value) throws BusException {
        try {
            i2c.writeRegister(register, (byte) value);
        } catch (RuntimeException e) {
            throw error("write", register, e);
        }
    }

    private BusException error(String op, int register, RuntimeException e) {
        return new BusException(where() + " " + op + " at register 0x" + Integer.toHexString(register)
                + " failed: " + e.getMessage(), e);
    }

    private String where() {
        return "I2C bus " + bus + " device 0x" + Integer.toHexString(address);
    }

    @Override
    public void close() {
        release.run();
    }
}
