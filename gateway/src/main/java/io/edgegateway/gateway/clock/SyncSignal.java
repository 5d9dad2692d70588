package io.edgegateway.gateway.clock;

/**
 * Says whether the system's wall clock is synchronized to UTC right now. Implementations: the timesyncd flag
 * file ({@link TimesyncdSignal}); later a GPS fix. Must be cheap: it is polled every second.
 */
@FunctionalInterface
public interface SyncSignal {
    boolean isSynchronized();
}
