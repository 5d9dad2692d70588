package io.edgegateway.drivers;

/**
 * Runs delayed and periodic work for drivers (polling a sensor, an end-of-frame timeout) and for the
 * supervisor (retry after backoff). Injected so tests drive time by hand instead of sleeping; the production
 * implementation is {@link ExecutorScheduler}. Tasks must not block for long: they share a small pool.
 */
public interface Scheduler {
    /** Runs {@code task} once after {@code delayMillis} (0 = as soon as possible). */
    Cancellable schedule(Runnable task, long delayMillis);

    /** Runs {@code task} every {@code periodMillis}, first after {@code initialDelayMillis}, until cancelled. */
    Cancellable scheduleAtFixedRate(Runnable task, long initialDelayMillis, long periodMillis);

    /** A handle to stop a scheduled task; cancelling twice or after it ran is harmless. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
