package io.edgegateway.drivers;

/** Where a supervised device is in its life; see {@link DriverHealth}. */
public enum HealthState {
    /** Start has been scheduled or is in progress. */
    STARTING,
    /** Started and producing events. */
    RUNNING,
    /** Failed; another start is scheduled after a backoff delay. */
    RETRYING,
    /** Failed in a way retrying cannot fix (misconfiguration); needs a config change. */
    FAILED,
    /** Removed from the supervisor or the supervisor closed. */
    STOPPED
}
