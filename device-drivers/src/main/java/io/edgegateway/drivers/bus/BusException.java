package io.edgegateway.drivers.bus;

import java.io.IOException;

/**
 * A bus operation failed: the device did not acknowledge, the file vanished, the port closed. Adapters
 * translate their library's exceptions (Pi4J's unchecked ones included) into this checked type so drivers
 * must decide what a failure means; {@link #isTimeout()} marks a missing answer as opposed to an error.
 */
public class BusException extends IOException {
    private final boolean timeout;

    public BusException(String message) {
        this(message, null, false);
    }

    public BusException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public BusException(String message, Throwable cause, boolean timeout) {
        super(message, cause);
        this.timeout = timeout;
    }

    public boolean isTimeout() {
        return timeout;
    }
}
