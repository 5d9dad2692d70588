package io.edgegateway.gateway;

import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogStats;
import java.io.PrintWriter;

/** Prints one line per call: events appended per second since the last call, refusals, and log size. */
final class RateReporter {
    private final LocalLog log;
    private final PrintWriter out;
    private long lastCount;
    private long lastNanos = System.nanoTime();

    RateReporter(LocalLog log, PrintWriter out) {
        this.log = log;
        this.out = out;
    }

    void report(SimulatedEvents events) {
        long now = System.nanoTime();
        long count = events.appended();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        LogStats s = log.stats();
        out.printf("%8.0f events/s  %,12d appended  %,6d refused  log %,d bytes%s%n", (count - lastCount) / seconds,
                count, events.refused(), s.diskBytes(),
                s.diskBudgetBytes() > 0 ? " of " + String.format("%,d", s.diskBudgetBytes()) : "");
        out.flush();
        lastCount = count;
        lastNanos = now;
    }
}
