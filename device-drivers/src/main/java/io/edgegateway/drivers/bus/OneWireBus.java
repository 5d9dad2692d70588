package io.edgegateway.drivers.bus;

import java.util.List;

/**
 * The Linux 1-Wire bus as the kernel's w1 drivers expose it: one folder per slave named
 * {@code <family>-<serial>} ({@code 28-0000075f1b2c} for a DS18B20), holding attribute files. Reading an
 * attribute such as {@code w1_slave} makes the kernel talk to the chip, so it can take up to a second.
 */
public interface OneWireBus {
    /** Slave ids whose family code matches, e.g. {@code "28"}; empty when none are present. */
    List<String> slaves(String familyCode) throws BusException;

    /** Reads one attribute file of one slave; a vanished slave is a {@link BusException}. */
    String read(String slaveId, String attribute) throws BusException;
}
