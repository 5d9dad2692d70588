package io.edgegateway.uplink;

import java.util.function.LongSupplier;

/**
 * Events per second over the last ten whole seconds (the drain rate shown on the web page), kept in ten
 * one-second buckets so that memory and cost stay constant. Thread-safe.
 */
final class RateMeter {
    private static final int WINDOW = 10;

    private final LongSupplier millis;
    private final long[] counts = new long[WINDOW];
    private final long[] seconds = new long[WINDOW];

    RateMeter(LongSupplier millis) {
        this.millis = millis;
    }

    synchronized void record(long n) {
        long s = millis.getAsLong() / 1000;
        int i = (int) Math.floorMod(s, (long) WINDOW);
        if (seconds[i] != s) {
            seconds[i] = s;
            counts[i] = 0;
        }
        counts[i] += n;
    }

    /** Average per second over the ten seconds before the current one. */
    synchronized double perSecond() {
        long now = millis.getAsLong() / 1000;
        long sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            if (seconds[i] < now && seconds[i] >= now - WINDOW) {
                sum += counts[i];
            }
        }
        return sum / (double) WINDOW;
    }
}
