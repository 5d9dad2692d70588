package io.edgegateway.drivers.wiegand;

/**
 * Collects bits from D0/D1 edges into one frame. A falling edge on D0 is a 0 bit, on D1 a 1 bit (both lines
 * idle high; SIA AC-01). Frames are held MSB-first in a {@code long}; at most {@link #MAX_BITS} bits are kept,
 * more marks the frame as overlong so line noise cannot grow memory. Seeing one line fall while the other is
 * still low means both are low at once, which a reader never does (a short or a disconnected reader), so the
 * frame is spoiled. Not thread-safe; the driver serializes access.
 */
final class WiegandBitCollector {
    static final int MAX_BITS = 64;

    private long frame;
    private int count;
    private boolean overlong;
    private boolean bothLow;
    private boolean d0High = true;
    private boolean d1High = true;

    /** Applies one edge; returns true when it added a bit (so the caller re-arms the end-of-frame timer). */
    boolean onEdge(boolean isD1, boolean high) {
        boolean otherHigh = isD1 ? d0High : d1High;
        if (isD1) {
            d1High = high;
        } else {
            d0High = high;
        }
        if (high) {
            return false;
        }
        if (!otherHigh) {
            bothLow = true;
        }
        if (count >= MAX_BITS) {
            overlong = true;
            return true;
        }
        frame = (frame << 1) | (isD1 ? 1 : 0);
        count++;
        return true;
    }

    boolean isEmpty() {
        return count == 0 && !overlong;
    }

    boolean overlong() {
        return overlong;
    }

    boolean bothLow() {
        return bothLow;
    }

    long frame() {
        return frame;
    }

    int count() {
        return count;
    }

    void reset() {
        frame = 0;
        count = 0;
        overlong = false;
        bothLow = false;
    }
}
