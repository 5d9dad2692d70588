package io.edgegateway.drivers.bus.hardware;

import io.edgegateway.drivers.bus.BusException;

/**
 * Turns Pi4J 2.8.0's terse failures into messages that say what is wrong with the machine. Its GpioD context
 * opens a chip only on a machine whose {@code /proc/device-tree/model} names a Raspberry Pi, and then takes
 * the first chip whose label contains "pinctrl"; otherwise every pin fails with "No gpio chip yet
 * initialized!" or "Couldn't identify gpiochip!". Its native libraries are built for armhf and aarch64 Linux
 * only, so elsewhere loading them fails with a {@link LinkageError}.
 */
final class Pi4jFailures {
    private Pi4jFailures() {
    }

    static BusException explain(BusException e, BoardHardware board) {
        String cause = e.getCause() == null ? "" : String.valueOf(e.getCause().getMessage());
        if (cause.contains("No gpio chip yet initialized") || cause.contains("Couldn't identify gpiochip")) {
            return new BusException(e.getMessage() + ": Pi4J's gpiod provider opened no GPIO chip; it opens"
                    + " one only on a machine it recognises as a Raspberry Pi (/proc/device-tree/model), and then"
                    + " the first whose label contains 'pinctrl', which should be '" + board.gpioChipLabel()
                    + "' on a " + board.model(), e);
        }
        return e;
    }

    /** @param failed what could not be done, e.g. "cannot open GPIO17" */
    static BusException nativeLibrary(String failed, LinkageError e) {
        return new BusException(failed + ": Pi4J's native library does not load on this machine ("
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "; it is built for Linux"
                + " on armhf and aarch64): " + e, e);
    }
}
