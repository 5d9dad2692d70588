package io.edgegateway.drivers.wiegand;

import java.util.Optional;

/**
 * The supported frame layouts. Bit positions count from 1 = the first bit sent (the leading even parity).
 * <ul>
 * <li>26 bits, HID H10301 (open format): even parity over bits 1..13, facility bits 2..9 (8), card bits 10..25
 *     (16), odd parity over bits 14..26.</li>
 * <li>34 bits (H10306-style): even parity over 1..17, facility 2..17 (16), card 18..33 (16), odd over 18..34.</li>
 * <li>37 bits, HID H10304: even parity over 1..19, facility 2..17 (16), card 18..36 (19), odd parity over
 *     19..37; bit 19 counts in both parities.</li>
 * </ul>
 * Sources: SIA AC-01, HID format descriptions (H10301, H10304), the ooaccess.com H10304 parity mask.
 */
public enum WiegandFormat {
    H10301_26(26, 13, 14, 2, 8, 10, 16),
    H10306_34(34, 17, 18, 2, 16, 18, 16),
    H10304_37(37, 19, 19, 2, 16, 18, 19);

    private final int bits;
    private final int evenEnd;
    private final int oddStart;
    private final int facilityStart;
    private final int facilityBits;
    private final int cardStart;
    private final int cardBits;

    WiegandFormat(int bits, int evenEnd, int oddStart, int facilityStart, int facilityBits, int cardStart,
                  int cardBits) {
        this.bits = bits;
        this.evenEnd = evenEnd;
        this.oddStart = oddStart;
        this.facilityStart = facilityStart;
        this.facilityBits = facilityBits;
        this.cardStart = cardStart;
        this.cardBits = cardBits;
    }

    public int bits() {
        return bits;
    }

    public int facilityBits() {
        return facilityBits;
    }

    public int cardBits() {
        return cardBits;
    }

    public static Optional<WiegandFormat> forLength(int count) {
        for (WiegandFormat f : values()) {
            if (f.bits == count) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Bit {@code position} (1-based, first sent) of a frame held MSB-first in {@code frame}. */
    int bit(long frame, int position) {
        return (int) (frame >>> (bits - position)) & 1;
    }

    int ones(long frame, int from, int to) {
        int n = 0;
        for (int i = from; i <= to; i++) {
            n += bit(frame, i);
        }
        return n;
    }

    boolean evenParityOk(long frame) {
        return ones(frame, 1, evenEnd) % 2 == 0;
    }

    boolean oddParityOk(long frame) {
        return ones(frame, oddStart, bits) % 2 == 1;
    }

    long field(long frame, int start, int length) {
        return (frame >>> (bits - (start + length - 1))) & ((1L << length) - 1);
    }

    long facility(long frame) {
        return field(frame, facilityStart, facilityBits);
    }

    long card(long frame) {
        return field(frame, cardStart, cardBits);
    }

    /** Builds a frame with correct parities; facility and card must fit their fields. */
    public long encode(long facility, long card) {
        if (facility < 0 || facility >= 1L << facilityBits || card < 0 || card >= 1L << cardBits) {
            throw new IllegalArgumentException(this + ": facility " + facility + " or card " + card
                    + " does not fit");
        }
        long frame = (facility << (bits - (facilityStart + facilityBits - 1)))
                | (card << (bits - (cardStart + cardBits - 1)));
        if (!evenParityOk(frame)) {
            frame |= 1L << (bits - 1);
        }
        if (!oddParityOk(frame)) {
            frame |= 1L;
        }
        return frame;
    }
}
