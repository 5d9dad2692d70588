package io.edgegateway.uplink;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition every 50 ms until it holds or the time is up; the message is built only on failure. */
final class Await {
    private Await() {
    }

    static void until(long timeoutMs, BooleanSupplier condition, Supplier<String> message) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + timeoutMs + " ms: " + message.get() + "\n" + uplinkThreads());
            }
            Thread.sleep(50);
        }
    }

    /** Stack traces of the uplink's threads, to see where a forwarder waits when a test times out. */
    static String uplinkThreads() {
        StringBuilder sb = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, st) -> {
            if (t.getName().startsWith("edge-uplink")) {
                sb.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
                for (StackTraceElement e : st) {
                    sb.append("    at ").append(e).append('\n');
                }
            }
        });
        return sb.toString();
    }

    /** Waits until the uplink has forwarded everything of its unpaused topics. */
    static void drained(Uplink u, long timeoutMs) throws InterruptedException {
        until(timeoutMs, () -> u.status().backlogEvents() == 0, () -> u.status().toString());
    }
}
