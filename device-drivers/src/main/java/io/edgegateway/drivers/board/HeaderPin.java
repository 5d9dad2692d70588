package io.edgegateway.drivers.board;

import java.util.List;
import java.util.Optional;

/** One position of the 40-pin header: physical number, BCM GPIO number (absent for power and ground), name, functions. */
public record HeaderPin(int physical, Optional<Integer> bcm, String name, List<String> functions) {
    public HeaderPin {
        functions = List.copyOf(functions);
    }
}
