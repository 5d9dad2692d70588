package io.edgegateway.log;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's one background thread: writes batches of asynchronous appends that lingered long enough,
 * completes the seal of segments rolled under {@code os} and {@code interval}, fsyncs {@code interval}
 * partitions on time or bytes, rolls segments that reached {@code segmentMs},
 * runs retention and rolls a segment when the budget needs one deleted. It sleeps until the next thing is
 * due, so an idle log costs no CPU.
 */
final class Maintenance implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);
    private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Supplier<Collection<Partition>> partitions;
    private final Retention retention;
    private final LogConfig config;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean rollRequested;
    // Set by wake(): an unpark alone can be lost, because this thread also parks inside contended
    // ReentrantLocks (a partition's I/O and append locks), and such a park consumes the permit.
    private volatile boolean wakeRequested;
    /** When the thread wakes by itself next (System.nanoTime); Long.MAX_VALUE while it is awake (always woken). */
    private volatile long wakeAtNanos = Long.MAX_VALUE;

    Maintenance(Supplier<Collection<Partition>> partitions, Retention retention, LogConfig config, String name) {
        this.partitions = partitions;
        this.retention = retention;
        this.config = config;
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void wake() {
        wakeRequested = true;
        LockSupport.unpark(thread);
    }

    /**
     * Wakes the thread unless it is already due to wake by {@code deadlineNanos}: an asynchronous batch asks
     * for its linger deadline once per batch, and at high rates the thread is usually due before it.
     */
    void wakeBy(long deadlineNanos) {
        long wakeAt = wakeAtNanos;
        if (wakeAt == Long.MAX_VALUE || wakeAt - deadlineNanos > 0) {
            wake();
        }
    }

    void requestRoll() {
        rollRequested = true;
        wake();
    }

    @Override
    public void run() {
        long linger = TimeUnit.MICROSECONDS.toNanos(config.asyncLingerMicros());
        long retentionEvery = TimeUnit.MILLISECONDS.toNanos(config.retentionCheckIntervalMs());
        long nextRetention = System.nanoTime() + retentionEvery;
        while (running) {
            wakeRequested = false;
            long sleep = MAX_SLEEP_NANOS;
            try {
                long now = System.nanoTime();
                for (Partition p : partitions.get()) {
                    long oldest = p.oldestAsyncNanos();
                    if (oldest >= 0) {
                        if (now - oldest >= linger) {
                            p.writeAll();
                        } else {
                            sleep = Math.min(sleep, oldest + linger - now);
                        }
                    }
                    if (p.needsSeal()) {
                        p.sealInBackground();
                    }
                    if (p.needsBackgroundSync(now)) {
                        p.syncInBackground();
                    }
                    sleep = Math.min(sleep, p.nanosUntilIntervalSync(System.nanoTime()));
                }
                if (rollRequested) {
                    rollRequested = false;
                    Partition victim = retention.rollCandidate();
                    if (victim != null) {
                        victim.forceRoll();
                    }
                    retention.run();
                }
                if (now >= nextRetention) {
                    long ms = config.clock().millis();
                    for (Partition p : partitions.get()) {
                        p.rollIfOld(ms);
                    }
                    retention.run();
                    nextRetention = System.nanoTime() + retentionEvery;
                }
                sleep = Math.min(sleep, Math.max(0, nextRetention - System.nanoTime()));
            } catch (RuntimeException e) {
                log.error("log maintenance failed; continuing", e);
                sleep = TimeUnit.MILLISECONDS.toNanos(100);
            }
            if (sleep > 0 && running) {
                wakeAtNanos = System.nanoTime() + sleep;
                // A wakeBy() that read the old wakeAtNanos set wakeRequested before this check, or sees the new one.
                if (!wakeRequested) {
                    LockSupport.parkNanos(this, sleep);
                }
                wakeAtNanos = Long.MAX_VALUE;
            }
        }
    }

    void stop() {
        running = false;
        wake();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
