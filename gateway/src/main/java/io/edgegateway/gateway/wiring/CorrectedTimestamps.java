package io.edgegateway.gateway.wiring;

import io.edgegateway.gateway.clock.TimestampCorrector;
import io.edgegateway.log.StoredRecord;
import io.edgegateway.uplink.EventTimestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uplink's {@link EventTimestamps}: each stored event is forwarded with the timestamp the gateway's
 * {@link TimestampCorrector} gives it, so events stamped before the clock was synchronized reach the central
 * cluster with their true time (the uplink then adds the original in {@code clock-corrected-from}). The
 * uplink requires this never to throw, so a failure forwards the stored timestamp and is logged once.
 */
public final class CorrectedTimestamps implements EventTimestamps {
    private static final Logger LOG = LoggerFactory.getLogger(CorrectedTimestamps.class);

    private final TimestampCorrector corrector;
    private volatile boolean warned;

    public CorrectedTimestamps(TimestampCorrector corrector) {
        this.corrector = corrector;
    }

    @Override
    public long timestampOf(StoredRecord record) {
        try {
            return corrector.correct(EventRecords.headers(record.headers()), record.timestamp());
        } catch (RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn("timestamp correction failed, forwarding stored timestamps where it fails: {}", e.toString());
            }
            return record.timestamp();
        }
    }
}
