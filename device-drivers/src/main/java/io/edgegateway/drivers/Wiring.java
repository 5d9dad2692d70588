package io.edgegateway.drivers;

import java.util.List;
import java.util.Map;

/**
 * The hardware a configured device occupies, for the board validator: GPIO pins by the option key that names
 * them (BCM numbers, e.g. {@code d0 -> 5}) and the board buses it needs ({@code i2c-1}, {@code w1},
 * {@code spi-0}, {@code uart-0}). A USB serial adapter occupies no board bus.
 */
public record Wiring(Map<String, Integer> pins, List<String> buses) {
    public Wiring {
        pins = Map.copyOf(pins);
        buses = List.copyOf(buses);
    }

    public static Wiring pins(Map<String, Integer> pins) {
        return new Wiring(pins, List.of());
    }

    public static Wiring bus(String bus) {
        return new Wiring(Map.of(), List.of(bus));
    }
}
