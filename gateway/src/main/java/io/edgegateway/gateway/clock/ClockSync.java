package io.edgegateway.gateway.clock;

import io.edgegateway.drivers.Clock;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's clock: wall and monotonic time from a source clock, and a synchronization flag that turns
 * true once the {@link SyncSignal} says so and stays true until the process ends (a board only loses sync by
 * rebooting). It also measures how wrong the clock was. Linux's monotonic clock counts from boot and never
 * steps, so {@code wall - monotonic} is "the wall time at boot" as the wall clock currently sees it. An NTP
 * or GPS step changes that value by exactly the step; sampling it when sync is first seen gives the true
 * boot wall time, and every unsynchronized event stamped in this boot is off by (its apparent boot wall time
 * minus the true one), whatever steps happened in between. {@link #poll} is called every second.
 * A reference time that does not set the system clock (a GPS fix) teaches the true boot wall time through
 * {@link #referenceOffset} without marking the clock synchronized: events keep saying "unsynchronized" and are
 * corrected later. The first true boot wall time learned is kept, whichever source taught it. Thread-safe.
 */
public final class ClockSync implements Clock {
    private static final Logger LOG = LoggerFactory.getLogger(ClockSync.class);

    private final Clock source;
    private final SyncSignal signal;
    private final String bootId;
    private final LongConsumer onSynchronized;
    private volatile boolean synced;
    private volatile boolean bootKnown;
    private boolean reported;
    private volatile long trueBootWallMs;

    /**
     * @param onSynchronized receives the true boot wall time once, at the first {@link #poll} after it is
     *                       learned (from sync or a reference time; the gateway stores it, so a restart within
     *                       the same boot still corrects older events)
     */
    public ClockSync(Clock source, SyncSignal signal, String bootId, LongConsumer onSynchronized) {
        this.source = source;
        this.signal = signal;
        this.bootId = bootId;
        this.onSynchronized = onSynchronized;
    }

    /**
     * Checks the signal; on the first synchronized reading, fixes the true boot wall time. Also hands a true
     * boot wall time learned since the last poll to {@code onSynchronized}, here rather than where it was
     * learned, because that may be a driver's thread and the receiver writes to the state database.
     */
    public synchronized void poll() {
        if (!synced && signal.isSynchronized()) {
            synced = true;
            if (bootKnown) {
                LOG.info("wall clock synchronized; boot {} start already known", bootId);
            } else {
                learn(apparentBootWallMs());
                LOG.info("wall clock synchronized; boot {} started at {} ms (true wall time)", bootId,
                        trueBootWallMs);
            }
        }
        if (bootKnown && !reported) {
            reported = true;
            onSynchronized.accept(trueBootWallMs);
        }
    }

    /**
     * A reference clock says it is {@code offsetMs} later than the wall clock right now (negative when the wall
     * clock is ahead). Teaches the true boot wall time unless it is already known; the system clock and the
     * synchronized flag stay as they are, and the next {@link #poll} reports it. True if this taught something.
     */
    public synchronized boolean referenceOffset(long offsetMs, String source) {
        if (bootKnown) {
            return false;
        }
        learn(apparentBootWallMs() + offsetMs);
        LOG.info("{} says the wall clock is off by {} ms; boot {} started at {} ms (true wall time)", source,
                offsetMs, bootId, trueBootWallMs);
        return true;
    }

    private void learn(long trueBoot) {
        trueBootWallMs = trueBoot;
        bootKnown = true;
    }

    /** Wall time of this boot's start as the wall clock sees it now. */
    public long apparentBootWallMs() {
        return source.wallMillis() - source.monotonicNanos() / 1_000_000;
    }

    public String bootId() {
        return bootId;
    }

    /** The true wall time of this boot's start, once learned from sync or a reference time. */
    public Optional<Long> trueBootWallMs() {
        return bootKnown ? Optional.of(trueBootWallMs) : Optional.empty();
    }

    @Override
    public long wallMillis() {
        return source.wallMillis();
    }

    @Override
    public long monotonicNanos() {
        return source.monotonicNanos();
    }

    @Override
    public boolean isSynchronized() {
        return synced;
    }
}
