package io.edgegateway.drivers;

import java.util.List;
import java.util.Map;

/**
 * Which board bus a serial port path occupies, for the board validator. The header UART (GPIO14 TXD on
 * physical pin 8, GPIO15 RXD on pin 10) is reached as {@code /dev/serial0} on Pi 3/4/Zero 2 W, as
 * {@code /dev/ttyAMA0} on a Pi 5 with the uart0 overlay, or as {@code /dev/ttyS0} (mini UART); any of these
 * claims {@code uart-0} and with it GPIO14/15. USB adapters ({@code /dev/serial/by-id/...}, {@code ttyUSB},
 * {@code ttyACM}) occupy no header pins.
 */
public final class SerialPortWiring {
    /** The board bus name of the header UART. */
    public static final String HEADER_UART = "uart-0";

    private static final List<String> HEADER_PATHS = List.of("/dev/serial0", "/dev/ttyAMA0", "/dev/ttyS0");

    private SerialPortWiring() {
    }

    public static Wiring forPort(String path) {
        return HEADER_PATHS.contains(path) ? Wiring.bus(HEADER_UART) : new Wiring(Map.of(), List.of());
    }
}
