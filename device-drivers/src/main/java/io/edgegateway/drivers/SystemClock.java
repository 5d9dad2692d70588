package io.edgegateway.drivers;

/**
 * {@link Clock} over {@link System#currentTimeMillis()} and {@link System#nanoTime()}, with a fixed
 * synchronization flag; the gateway supplies its own implementation once it tracks NTP state.
 */
public final class SystemClock implements Clock {
    static final SystemClock UNSYNCHRONIZED = new SystemClock(false);

    private final boolean synced;

    public SystemClock(boolean synced) {
        this.synced = synced;
    }

    @Override
    public long wallMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public long monotonicNanos() {
        return System.nanoTime();
    }

    @Override
    public boolean isSynchronized() {
        return synced;
    }
}
