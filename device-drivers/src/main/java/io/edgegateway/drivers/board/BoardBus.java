package io.edgegateway.drivers.board;

import java.util.List;

/** A bus of a board: its Linux device path, the BCM pins it occupies, and whether it is enabled (then its pins are reserved). */
public record BoardBus(String id, String device, List<Integer> pins, boolean enabled) {
    public BoardBus {
        pins = List.copyOf(pins);
    }
}
