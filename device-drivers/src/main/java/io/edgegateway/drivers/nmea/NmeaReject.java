package io.edgegateway.drivers.nmea;

/**
 * Why a sentence was not used, with the reason constant that is counted in the device metrics. Thrown inside
 * the parser only and turned into a listener call by {@link NmeaDecoder}; no stack trace is filled in because
 * a noisy line can produce many per second.
 */
final class NmeaReject extends Exception {
    private final String reason;

    NmeaReject(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
