package io.edgegateway.drivers.bus.pi4j;

import com.pi4j.io.spi.Spi;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.SpiDevice;

/** {@link SpiDevice} over a Pi4J {@link Spi}: one full-duplex transfer per call. */
final class Pi4jSpiDevice implements SpiDevice {
    private final Spi spi;
    private final String name;
    private final Runnable release;

    Pi4jSpiDevice(Spi spi, String name, Runnable release) {
        this.spi = spi;
        this.name = name;
        this.release = release;
    }

    @Override
    public void transfer(byte[] tx, byte[] rx, int length) throws BusException {
        int n;
        try {
            n = spi.transfer(tx, 0, rx, 0, length);
        } catch (RuntimeException e) {
            throw new BusException(name + " transfer failed: " + e.getMessage(), e);
        }
        if (n < 0) {
            throw new BusException(name + " transfer failed with " + n);
        }
    }

    @Override
    public void close() {
        release.run();
    }
}
