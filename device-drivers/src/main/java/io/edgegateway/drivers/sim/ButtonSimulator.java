package io.edgegateway.drivers.sim;

import java.util.function.LongConsumer;

/**
 * A push button (or reed switch) on a simulated pin, with contact bounce: pressing or releasing toggles the
 * line a few times 300 µs apart before it settles, as a mechanical contact does for the first millisecond or
 * so. Time passes through {@code waitNanos} ({@link ManualTime#advanceNanos} in tests).
 */
public final class ButtonSimulator {
    private static final long BOUNCE_NANOS = 300_000;

    private final SimPin pin;
    private final boolean activeLow;
    private final LongConsumer waitNanos;

    public ButtonSimulator(SimPin pin, boolean activeLow, LongConsumer waitNanos) {
        this.pin = pin;
        this.activeLow = activeLow;
        this.waitNanos = waitNanos;
    }

    /** Presses, holds for {@code holdMillis}, releases; each transition bounces {@code bounces} times. */
    public void press(long holdMillis, int bounces) {
        transition(!activeLow, bounces);
        waitNanos.accept(holdMillis * 1_000_000);
        transition(activeLow, bounces);
    }

    private void transition(boolean toHigh, int bounces) {
        for (int i = 0; i < bounces; i++) {
            pin.set(toHigh);
            waitNanos.accept(BOUNCE_NANOS);
            pin.set(!toHigh);
            waitNanos.accept(BOUNCE_NANOS);
        }
        pin.set(toHigh);
    }
}
