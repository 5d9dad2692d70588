package io.edgegateway.drivers.bus;

/**
 * Opens serial links by path. Real ports go through jSerialComm; the simulator hands out in-process links.
 * Stable paths ({@code /dev/serial/by-id/...}, {@code /dev/serial0}) are preferred because ttyUSB numbers
 * change with plug order.
 */
@FunctionalInterface
public interface SerialPorts {
    SerialLink open(String path, SerialParams params) throws BusException;
}
