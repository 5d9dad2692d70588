package io.edgegateway.drivers.bus;

/**
 * One I2C slave addressed with plain transfers: one write transaction of any length, one read transaction of
 * any length, no register address in between. {@link I2cDevice} cannot express this because its reads
 * always write a register number first, and chips with a frame protocol (the PN532 host interface, UM0701
 * §6.2.4) would take that byte as the start of a command. Pi4J's {@code I2C.write(byte[])} and
 * {@code I2C.read(byte[])} map onto it one to one. Every method throws {@link BusException} when the device
 * does not acknowledge.
 */
public interface RawI2cDevice extends AutoCloseable {
    int bus();

    int address();

    /** Writes {@code data[offset..offset+length)} in one transaction (START, address+W, bytes, STOP). */
    void write(byte[] data, int offset, int length) throws BusException;

    /** Reads {@code length} bytes in one transaction (START, address+R, bytes, STOP). */
    void read(byte[] buffer, int offset, int length) throws BusException;

    @Override
    void close();
}
