package io.edgegateway.drivers.sim;

/**
 * A simulated I2C chip as seen over the wire: single-register reads and writes. Burst reads are expanded by
 * {@link SimI2cProvider} into consecutive register reads (the chip's address auto-increment), so a model only
 * says what each register holds and how it reacts to a write.
 */
public interface I2cChip {
    /** Value of one register, 0..255. */
    int read(int register);

    /** Receives one address/data pair. */
    void write(int register, int value);
}
