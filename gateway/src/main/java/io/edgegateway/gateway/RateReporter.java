package io.edgegateway.gateway;

import io.edgegateway.gateway.wiring.FlowCounters;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogStats;
import java.io.PrintWriter;

/** Prints one line per call: events appended per second since the last call, drops, and log size. */
final class RateReporter {
    private final LocalLog log;
    private final FlowCounters counters;
    private final PrintWriter out;
    private long lastCount;
    private long lastNanos = System.nanoTime();

    RateReporter(LocalLog log, FlowCounters counters, PrintWriter out) {
        this.log = log;
        this.counters = counters;
        this.out = out;
    }

    long appended() {
        return counters.appendedByTopic().values().stream().mapToLong(Long::longValue).sum();
    }

    long dropped() {
        return counters.drops().values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    void report() {
        long now = System.nanoTime();
        long count = appended();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        LogStats s = log.stats();
        out.printf("%8.0f events/s  %,12d appended  %,6d dropped  log %,d bytes%s%n", (count - lastCount) / seconds,
                count, dropped(), s.diskBytes(),
                s.diskBudgetBytes() > 0 ? " of " + String.format("%,d", s.diskBudgetBytes()) : "");
        out.flush();
        lastCount = count;
        lastNanos = now;
    }
}
