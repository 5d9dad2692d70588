package io.edgegateway.uplink;

import io.edgegateway.log.StoredRecord;

/**
 * Chooses the timestamp a stored event is forwarded with. The gateway uses it to correct events stamped
 * before the system clock was synchronized; the stored event and its place in the log never change, only
 * the timestamp of the record sent to the central cluster. When the chosen timestamp differs from the
 * stored one, the record also carries {@link EdgeHeaders#CLOCK_CORRECTED_FROM} with the stored value, so a
 * consumer can see that it was corrected. Called on the uplink's thread; must be fast and must not throw.
 */
@FunctionalInterface
public interface EventTimestamps {
    /** Forward every event with the timestamp it was stored with. */
    EventTimestamps AS_STORED = StoredRecord::timestamp;

    long timestampOf(StoredRecord record);
}
