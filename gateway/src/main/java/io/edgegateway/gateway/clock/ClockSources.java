package io.edgegateway.gateway.clock;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Chooses the clock sources for a gateway: the timesyncd flag file first (free to check), then chrony's
 * tracking report (a process run, so asked every {@value #CHRONY_INTERVAL_MS} ms at most). GPS time is no
 * signal of the system clock; {@link GpsTime} listens to the events of any {@code nmea-gps} device. Which of timesyncd and chrony a board runs needs no
 * setting: the one that is not installed simply never says synchronized.
 */
public final class ClockSources {
    static final long CHRONY_INTERVAL_MS = 16_000;

    private ClockSources() {
    }

    /** The synchronization signal of the system clock: timesyncd, then chrony. */
    public static SyncSignal systemSignal(LongSupplier monotonicMs) {
        List<SyncSignal> sources = new ArrayList<>();
        sources.add(new TimesyncdSignal(TimesyncdSignal.DEFAULT_FLAG));
        sources.add(new ChronySignal(ChronycCommand.fromPath(), monotonicMs, CHRONY_INTERVAL_MS));
        return new AnySignal(sources);
    }
}
