package io.edgegateway.drivers;

/**
 * A snapshot of one device's health for the web page and the health endpoint: its state, the last error with
 * the wall time it happened (0 and empty when none yet), how many failures in a row, and when the next start
 * attempt is due (0 unless {@link HealthState#RETRYING}).
 */
public record DriverHealth(HealthState state, String lastError, long lastErrorAtMs, int consecutiveFailures,
                           long nextAttemptAtMs) {

    static DriverHealth starting() {
        return new DriverHealth(HealthState.STARTING, "", 0, 0, 0);
    }
}
