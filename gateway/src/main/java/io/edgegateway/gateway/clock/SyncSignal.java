package io.edgegateway.gateway.clock;

/**
 * Says whether the system's wall clock is synchronized to UTC right now. Implementations: the timesyncd flag
 * file ({@link TimesyncdSignal}), chrony's tracking report ({@link ChronySignal}), and several of them in
 * order ({@link AnySignal}). A GPS fix does not set the system clock, so it is no signal; it teaches the
 * boot's true start through {@link GpsTime} instead. Must be cheap: it is polled every second.
 */
@FunctionalInterface
public interface SyncSignal {
    boolean isSynchronized();
}
