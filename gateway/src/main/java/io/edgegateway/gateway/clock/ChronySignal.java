package io.edgegateway.gateway.clock;

import java.io.IOException;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether chrony has synchronized the clock, from {@code chronyc -c tracking}. The CSV fields are reference
 * id, reference name, stratum, reference time, offsets, frequency, skew, root delay and dispersion, update
 * interval and, last, the leap status. Synchronized means a reference (id not {@code 00000000}, stratum above
 * 0) and a leap status other than "Not synchronised". Running a process every second would cost more CPU
 * than the rest of an idle gateway, so chronyc is asked at most every {@code intervalMs}; in between the last
 * answer stands. Where chronyc is not installed this is said once and chrony is not asked again. An
 * unreadable report is logged (once per distinct problem) and counts as not synchronized.
 */
public final class ChronySignal implements SyncSignal {
    private static final Logger LOG = LoggerFactory.getLogger(ChronySignal.class);
    private static final int FIELDS = 14;

    private final ChronyTracking tracking;
    private final LongSupplier monotonicMs;
    private final long intervalMs;
    private long lastQueryMs;
    private boolean asked;
    private boolean missing;
    private boolean synced;
    private String lastProblem;

    /** @param monotonicMs a clock that never steps, so a clock step neither hurries nor stalls the queries */
    public ChronySignal(ChronyTracking tracking, LongSupplier monotonicMs, long intervalMs) {
        this.tracking = tracking;
        this.monotonicMs = monotonicMs;
        this.intervalMs = intervalMs;
    }

    @Override
    public synchronized boolean isSynchronized() {
        long now = monotonicMs.getAsLong();
        if (missing || (asked && now - lastQueryMs < intervalMs)) {
            return synced;
        }
        asked = true;
        lastQueryMs = now;
        try {
            Optional<String> report = tracking.query();
            if (report.isEmpty()) {
                missing = true;
                LOG.info("chronyc is not installed; chrony is not used as a clock source");
                return synced = false;
            }
            synced = parse(report.get());
            lastProblem = null;
        } catch (IOException | IllegalArgumentException e) {
            synced = false;
            if (!e.getMessage().equals(lastProblem)) {
                lastProblem = e.getMessage();
                LOG.warn("cannot tell whether chrony has synchronized the clock: {}", e.getMessage());
            }
        }
        return synced;
    }

    /** Whether a {@code chronyc -c tracking} line says synchronized; IllegalArgumentException if it is no such line. */
    static boolean parse(String report) {
        String line = report.strip();
        int newline = line.indexOf('\n');
        if (newline >= 0) {
            line = line.substring(0, newline).strip();
        }
        String[] f = line.split(",", -1);
        if (f.length < FIELDS || !f[0].matches("[0-9A-Fa-f]{8}")) {
            throw new IllegalArgumentException("unexpected chronyc tracking output: '" + abbreviate(line) + "'");
        }
        int stratum;
        try {
            stratum = Integer.parseInt(f[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("chronyc tracking stratum is not a number: '" + f[2] + "'");
        }
        String leap = f[FIELDS - 1].strip();
        return !f[0].equals("00000000") && stratum > 0 && !leap.startsWith("Not sync");
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
