package io.edgegateway.drivers.bus;

/**
 * One I2C slave at a 7-bit address on one bus, register-addressed. {@link #readRegisters} writes the start
 * register and reads {@code length} bytes in one transaction, relying on the chip's address auto-increment:
 * the only way to get consistent multi-byte samples from chips that shadow their data registers (BME280).
 * Every method throws {@link BusException} when the device does not acknowledge.
 */
public interface I2cDevice extends AutoCloseable {
    int bus();

    int address();

    /** Reads one register, 0..255. */
    int readRegister(int register) throws BusException;

    /** Burst read from {@code register} upward into {@code buffer[offset..offset+length)}. */
    void readRegisters(int register, byte[] buffer, int offset, int length) throws BusException;

    /** Writes one register (address/data pair). */
    void writeRegister(int register, int value) throws BusException;

    @Override
    void close();
}
