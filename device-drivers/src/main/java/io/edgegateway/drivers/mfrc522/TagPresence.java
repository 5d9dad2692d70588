package io.edgegateway.drivers.mfrc522;

import java.util.HashMap;
import java.util.Map;

/**
 * Repeat suppression: a tag held on the reader is seen on every poll, but must produce one event. A UID is
 * reported when it was not seen during the last {@code window}; every sighting restarts its window, so a tag
 * that stays in the field is reported once, and again only after it was away for longer than the window.
 * Monotonic nanoseconds in, no clock of its own. Not thread-safe.
 */
final class TagPresence {
    private final long windowNanos;
    private final Map<String, Long> lastSeen = new HashMap<>();

    TagPresence(long windowMillis) {
        this.windowNanos = windowMillis * 1_000_000L;
    }

    /** Records a sighting of {@code uid}; returns whether it is new (should be emitted). */
    boolean sighted(String uid, long nowNanos) {
        lastSeen.values().removeIf(t -> nowNanos - t > windowNanos);
        Long previous = lastSeen.put(uid, nowNanos);
        return previous == null;
    }

    /** Number of tags currently considered present; bounded by the tags seen within one window. */
    int present() {
        return lastSeen.size();
    }
}
