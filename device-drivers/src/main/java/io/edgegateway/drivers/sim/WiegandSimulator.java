package io.edgegateway.drivers.sim;

import io.edgegateway.drivers.wiegand.WiegandFormat;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.random.RandomGenerator;

/**
 * A Wiegand reader pulsing D0/D1 on simulated pins: each bit is a low pulse on D0 (0) or D1 (1) of
 * {@link #PULSE_NANOS}, followed by the rest of a {@link #INTERVAL_NANOS} bit interval (typical reader values,
 * SIA AC-01 allows 20–100 µs pulses and 0.2–20 ms intervals). Time passes through {@code waitNanos}: a
 * {@link ManualTime}'s {@code advanceNanos} in tests, a sleep in live simulation. Tags are drawn from a list.
 *
 * <p>Faults: {@link #sendBadParity} (one data bit flipped after parity was computed), {@link #sendBits} (any
 * bit pattern, e.g. truncated frames), {@link #sendNoise} (random pulses), {@link #sendOverlapping} (both lines
 * low at once); stuck lines via {@link SimPin#stick}.
 */
public final class WiegandSimulator {
    public static final long PULSE_NANOS = 50_000;
    public static final long INTERVAL_NANOS = 2_000_000;

    /** A card: format, facility code and card number. */
    public record Tag(WiegandFormat format, long facility, long card) {
    }

    private final SimPin d0;
    private final SimPin d1;
    private final LongConsumer waitNanos;

    public WiegandSimulator(SimPin d0, SimPin d1, LongConsumer waitNanos) {
        this.d0 = d0;
        this.d1 = d1;
        this.waitNanos = waitNanos;
    }

    public void send(Tag tag) {
        sendBits(tag.format().encode(tag.facility(), tag.card()), tag.format().bits());
    }

    /** Presents a tag drawn uniformly from {@code tags}; returns it. */
    public Tag scanRandom(List<Tag> tags, RandomGenerator random) {
        Tag t = tags.get(random.nextInt(tags.size()));
        send(t);
        return t;
    }

    public void sendBadParity(Tag tag, int flippedPosition) {
        long frame = tag.format().encode(tag.facility(), tag.card());
        sendBits(frame ^ (1L << (tag.format().bits() - flippedPosition)), tag.format().bits());
    }

    /** Sends the low {@code count} bits of {@code frame}, most significant first. */
    public void sendBits(long frame, int count) {
        for (int i = count - 1; i >= 0; i--) {
            SimPin line = ((frame >>> i) & 1) == 1 ? d1 : d0;
            line.set(false);
            waitNanos.accept(PULSE_NANOS);
            line.set(true);
            waitNanos.accept(INTERVAL_NANOS - PULSE_NANOS);
        }
    }

    public void sendNoise(int pulses, RandomGenerator random) {
        for (int i = 0; i < pulses; i++) {
            SimPin line = random.nextBoolean() ? d1 : d0;
            line.set(false);
            waitNanos.accept(1_000 + random.nextLong(100_000));
            line.set(true);
            waitNanos.accept(1_000 + random.nextLong(3_000_000));
        }
    }

    /** A pulse on D1 while D0 is still low: what a shorted or miswired reader produces. */
    public void sendOverlapping() {
        d0.set(false);
        waitNanos.accept(PULSE_NANOS / 2);
        d1.set(false);
        waitNanos.accept(PULSE_NANOS / 2);
        d0.set(true);
        d1.set(true);
        waitNanos.accept(INTERVAL_NANOS);
    }
}
