package io.edgegateway.drivers.mfrc522;

import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.SpiDevice;

/**
 * MFRC522 register reads and writes over SPI. The address byte (datasheet §8.1.2.3) is
 * {@code (read ? 0x80 : 0) | (address << 1)}: bit 7 selects read, bits 6..1 the register, bit 0 is always 0.
 * A read clocks out one address byte per value and a final 0x00; each value arrives one byte later on MISO.
 * A write sends the address once followed by data bytes, all going to that same register (which is how the
 * FIFO is filled). Not thread-safe; the driver uses it from one scheduler task at a time.
 */
final class RegisterAccess {
    private final SpiDevice spi;

    RegisterAccess(SpiDevice spi) {
        this.spi = spi;
    }

    static int readAddress(int register) {
        return 0x80 | ((register << 1) & 0x7E);
    }

    static int writeAddress(int register) {
        return (register << 1) & 0x7E;
    }

    int read(int register) throws BusException {
        byte[] tx = {(byte) readAddress(register), 0};
        byte[] rx = new byte[2];
        spi.transfer(tx, rx, 2);
        return rx[1] & 0xFF;
    }

    /** Reads {@code count} bytes from one register (the FIFO) in a single transfer. */
    byte[] readRepeated(int register, int count) throws BusException {
        byte[] tx = new byte[count + 1];
        java.util.Arrays.fill(tx, 0, count, (byte) readAddress(register));
        byte[] rx = new byte[count + 1];
        spi.transfer(tx, rx, count + 1);
        return java.util.Arrays.copyOfRange(rx, 1, count + 1);
    }

    void write(int register, int value) throws BusException {
        byte[] tx = {(byte) writeAddress(register), (byte) value};
        spi.transfer(tx, new byte[2], 2);
    }

    /** Writes all of {@code data} to one register (the FIFO) in a single transfer. */
    void writeRepeated(int register, byte[] data) throws BusException {
        byte[] tx = new byte[data.length + 1];
        tx[0] = (byte) writeAddress(register);
        System.arraycopy(data, 0, tx, 1, data.length);
        spi.transfer(tx, new byte[tx.length], tx.length);
    }
}
