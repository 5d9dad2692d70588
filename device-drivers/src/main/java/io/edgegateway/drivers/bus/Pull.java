package io.edgegateway.drivers.bus;

/** The internal bias resistor on a GPIO input; {@link #OFF} when the circuit has its own. */
public enum Pull {
    UP, DOWN, OFF
}
