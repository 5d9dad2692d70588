package io.edgegateway.gateway.clock;

import java.util.List;

/**
 * Synchronized as soon as any of several sources says so, asked in order; later sources are not asked once
 * an earlier one answers yes, so the cheap timesyncd flag file goes first and chronyc only runs when needed.
 */
public final class AnySignal implements SyncSignal {
    private final List<SyncSignal> sources;

    public AnySignal(List<SyncSignal> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public boolean isSynchronized() {
        for (SyncSignal s : sources) {
            if (s.isSynchronized()) {
                return true;
            }
        }
        return false;
    }
}
