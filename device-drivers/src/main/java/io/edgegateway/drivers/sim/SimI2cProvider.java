package io.edgegateway.drivers.sim;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProviderBase;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Pi4J I2C provider (id {@value #ID}) whose devices are {@link I2cChip} models attached at bus/address, in
 * place of Pi4J's mock I2C (a FIFO per register, which cannot model a chip). Reads auto-increment across
 * registers as real register-addressed chips do. A transfer to an address with no chip, or one that was
 * {@link #unplug unplugged}, throws the way a NACK surfaces from Linux ("Remote I/O error"), so drivers see
 * the same failure they would on a Pi.
 */
public final class SimI2cProvider extends I2CProviderBase {
    public static final String ID = "sim-i2c";

    private final Map<Long, I2cChip> chips = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> unplugged = new ConcurrentHashMap<>();

    public SimI2cProvider() {
        super(ID, "Simulated I2C chips");
    }

    public void attach(int bus, int address, I2cChip chip) {
        chips.put(key(bus, address), chip);
        unplugged.remove(key(bus, address));
    }

    /** The chip stops acknowledging, as if its cable came loose; {@link #plugIn} brings it back. */
    public void unplug(int bus, int address) {
        unplugged.put(key(bus, address), Boolean.TRUE);
    }

    public void plugIn(int bus, int address) {
        unplugged.remove(key(bus, address));
    }

    private static long key(int bus, int address) {
        return ((long) bus << 16) | address;
    }

    /** Fails like an unacknowledged transfer unless a live chip is at the address. */
    I2cChip chip(int bus, int address) {
        I2cChip c = chips.get(key(bus, address));
        if (c == null || unplugged.containsKey(key(bus, address))) {
            throw new IOException("I2C bus " + bus + " device 0x" + Integer.toHexString(address)
                    + ": Remote I/O error (no ACK)");
        }
        return c;
    }

    @Override
    public I2C create(I2CConfig config) {
        I2C i2c = new ChipI2C(this, config);
        context.registry().add(i2c);
        return i2c;
    }

    /** Pi4J I2C front for one bus/address; looks the chip up on every transfer so unplugging takes effect. */
    private static final class ChipI2C extends MockI2C {
        private final SimI2cProvider sim;

        ChipI2C(SimI2cProvider sim, I2CConfig config) {
            super(sim, config);
            this.sim = sim;
        }

        private I2cChip chip() {
            return sim.chip(config().bus(), config().device());
        }

        @Override
        public int readRegister(int register) {
            return chip().read(register & 0xFF) & 0xFF;
        }

        @Override
        public int readRegister(int register, byte[] buffer, int offset, int length) {
            I2cChip c = chip();
            for (int i = 0; i < length; i++) {
                buffer[offset + i] = (byte) c.read((register + i) & 0xFF);
            }
            return length;
        }

        @Override
        public int writeRegister(int register, byte value) {
            chip().write(register & 0xFF, value & 0xFF);
            return 1;
        }

        @Override
        public int writeRegister(int register, byte[] data, int offset, int length) {
            // Register-addressed chips take address/data pairs; a multi-byte write is a run of pairs.
            I2cChip c = chip();
            for (int i = 0; i < length; i++) {
                c.write((register + i) & 0xFF, data[offset + i] & 0xFF);
            }
            return length;
        }
    }
}
