package io.edgegateway.uplink;

/**
 * How the uplink sees the central cluster. {@link #ONLINE}: the last operation succeeded.
 * {@link #DEGRADED}: operations fail and are retried with backoff, for less than {@code offline.after.ms}.
 * {@link #OFFLINE}: failing for longer; the uplink probes the cluster every {@code probe.interval.ms} and
 * resumes as soon as it answers.
 */
public enum ConnectivityState {
    ONLINE, DEGRADED, OFFLINE
}
