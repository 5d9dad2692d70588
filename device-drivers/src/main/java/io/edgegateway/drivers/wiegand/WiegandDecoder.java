package io.edgegateway.drivers.wiegand;

/**
 * Turns a finished frame (bits collected until the line went quiet) into a card read, or names why not:
 * an unsupported bit count, or a failed parity. Both parities must hold; a frame with a bad parity is never
 * reported as a tag, because a flipped bit would otherwise open a door for a different card. Pure.
 */
public final class WiegandDecoder {
    public static final String BAD_PARITY = "bad-parity";
    public static final String UNSUPPORTED_LENGTH = "unsupported-length";

    private WiegandDecoder() {
    }

    /** A decoded card, or a reject reason with detail. */
    public record Result(WiegandCard card, String rejectReason, String detail) {
        public boolean ok() {
            return card != null;
        }
    }

    /** A card read: the format, facility code and card number. */
    public record WiegandCard(WiegandFormat format, long facility, long card) {
    }

    public static Result decode(long frame, int count) {
        var format = WiegandFormat.forLength(count);
        if (format.isEmpty()) {
            return new Result(null, UNSUPPORTED_LENGTH, count + " bits: " + binary(frame, count));
        }
        WiegandFormat f = format.get();
        boolean even = f.evenParityOk(frame);
        boolean odd = f.oddParityOk(frame);
        if (!even || !odd) {
            return new Result(null, BAD_PARITY, f + (even ? "" : " even parity failed") + (odd ? ""
                    : " odd parity failed") + ": " + binary(frame, count));
        }
        return new Result(new WiegandCard(f, f.facility(frame), f.card(frame)), "", "");
    }

    static String binary(long frame, int count) {
        if (count <= 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder(count);
        for (int i = count - 1; i >= 0 && sb.length() < 64; i--) {
            sb.append((frame >>> i) & 1);
        }
        return sb.toString();
    }
}
