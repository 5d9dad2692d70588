package io.edgegateway.drivers;

/**
 * Suppresses repeated reads of the same tag while it stays in a reader's field. Readers such as the RDM6300
 * re-send the same frame every few hundred milliseconds for as long as a card is held up, and polling
 * readers (PN532) find it again on every poll; users want one event per presentation. A key counts as new
 * when it differs from the last key seen or when the last sighting is older than the window; every sighting
 * refreshes the window, so a card held for a minute yields one event, and taking it away for longer than the
 * window and back yields a second. Times are monotonic nanoseconds. Not thread-safe.
 */
public final class RepeatFilter {
    private final long windowNanos;
    private String lastKey;
    private long lastSeenNanos;

    public RepeatFilter(long windowMillis) {
        if (windowMillis < 0) {
            throw new IllegalArgumentException("window must not be negative: " + windowMillis);
        }
        this.windowNanos = windowMillis * 1_000_000;
    }

    /** Records a sighting of {@code key} at {@code nowNanos}; true when it should be reported. */
    public boolean isNew(String key, long nowNanos) {
        boolean repeat = key.equals(lastKey) && nowNanos - lastSeenNanos < windowNanos;
        lastKey = key;
        lastSeenNanos = nowNanos;
        return !repeat;
    }
}
