package io.edgegateway.drivers.sim;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition in real time, for tests against a real broker; fails with a message after the timeout. */
public final class Await {
    private Await() {
    }

    public static void until(BooleanSupplier condition, long timeoutMillis, Supplier<String> message) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms: " + message.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
