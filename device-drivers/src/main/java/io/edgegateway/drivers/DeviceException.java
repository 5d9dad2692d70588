package io.edgegateway.drivers;

/**
 * Why a device cannot run right now. The {@link Kind} decides what the supervisor does: every kind but
 * {@link Kind#MISCONFIGURED} is retried with backoff, because unplugged sensors get plugged back in and bus
 * glitches pass; a misconfiguration cannot fix itself, so the device goes to {@link HealthState#FAILED}.
 */
public final class DeviceException extends Exception {
    /** Classes of device trouble, shown on the health page. */
    public enum Kind {
        /** The device or its bus is absent: no ACK, no file, port not found. */
        UNAVAILABLE,
        /** The bus answered with an error or garbage during a transfer. */
        BUS_ERROR,
        /** The device did not answer within its deadline. */
        TIMEOUT,
        /** Something answered, but not the expected chip (chip id mismatch). */
        WRONG_DEVICE,
        /** The configuration cannot work on this machine; retrying will not help. */
        MISCONFIGURED
    }

    private final Kind kind;

    public DeviceException(Kind kind, String message) {
        this(kind, message, null);
    }

    public DeviceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind != Kind.MISCONFIGURED;
    }
}
