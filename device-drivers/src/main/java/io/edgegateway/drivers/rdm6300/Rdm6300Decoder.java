package io.edgegateway.drivers.rdm6300;

/**
 * Finds RDM6300 frames in a byte stream and checks them. A frame is 14 bytes: STX {@code 0x02}, ten ASCII
 * hex digits (five data bytes: customer byte and 32-bit card number), two ASCII hex digits of checksum, ETX
 * {@code 0x03}; the checksum is the XOR of the five data bytes (RDM6300 datasheet, from the arduino12 and
 * python-rdm6300 readers, the vendor sheet being unavailable). STX can never occur inside a valid frame
 * because the body is ASCII, so every STX starts a new frame: a reader that came up mid-frame, a dropped
 * byte or line noise costs at most the frame it hit. State is one 12-byte body, so memory is bounded
 * whatever arrives, and the result does not depend on how the stream is split into reads. Not thread-safe.
 */
public final class Rdm6300Decoder {
    public static final int FRAME_LENGTH = 14;
    static final int STX = 0x02;
    static final int ETX = 0x03;
    private static final int BODY_LENGTH = 12;
    /** Bytes outside a frame are reported in runs of at most this many, so noise is counted but not per byte. */
    static final int NOISE_REPORT_RUN = 64;

    /** Reject reasons, as counted in the device metrics. */
    public static final String NOISE = "noise";
    public static final String TRUNCATED = "truncated-frame";
    public static final String SHORT = "short-frame";
    public static final String NON_HEX = "non-hex";
    public static final String MISSING_ETX = "missing-etx";
    public static final String BAD_CHECKSUM = "bad-checksum";

    /** Receives decoded tags and reject reasons, on the feeding thread. */
    public interface Listener {
        void onTag(Em4100Tag tag);

        void onReject(String reason, String detail);
    }

    private final byte[] body = new byte[BODY_LENGTH];
    /** Body characters collected, or -1 while hunting for STX. */
    private int count = -1;
    private int noise;

    /** Bytes held between calls: at most the 12 body characters, whatever was fed. */
    public int buffered() {
        return Math.max(count, 0);
    }

    public void feed(byte[] data, int offset, int length, Listener listener) {
        for (int i = offset; i < offset + length; i++) {
            feed(data[i] & 0xFF, listener);
        }
    }

    public void feed(int b, Listener listener) {
        if (b == STX) {
            if (count >= 0) {
                listener.onReject(TRUNCATED, "new STX after " + count + " of 12 characters");
            }
            reportNoise(listener);
            count = 0;
            return;
        }
        if (count < 0) {
            if (++noise == NOISE_REPORT_RUN) {
                reportNoise(listener);
            }
            return;
        }
        if (count < BODY_LENGTH) {
            if (b == ETX) {
                listener.onReject(SHORT, "ETX after " + count + " of 12 characters");
                count = -1;
            } else if (hexValue(b) < 0) {
                listener.onReject(NON_HEX, String.format("byte 0x%02X at position %d", b, count + 1));
                count = -1;
            } else {
                body[count++] = (byte) b;
            }
            return;
        }
        count = -1;
        if (b != ETX) {
            listener.onReject(MISSING_ETX, String.format("byte 0x%02X where ETX belongs", b));
            return;
        }
        decodeBody(listener);
    }

    private void decodeBody(Listener listener) {
        int xor = 0;
        long card = 0;
        int customer = 0;
        for (int i = 0; i < 5; i++) {
            int v = byteAt(i);
            xor ^= v;
            if (i == 0) {
                customer = v;
            } else {
                card = (card << 8) | v;
            }
        }
        int sent = byteAt(5);
        if (sent != xor) {
            listener.onReject(BAD_CHECKSUM, String.format("frame %s: checksum 0x%02X, computed 0x%02X",
                    new String(body, 0, 10, java.nio.charset.StandardCharsets.US_ASCII), sent, xor));
            return;
        }
        listener.onTag(new Em4100Tag(customer, card));
    }

    private int byteAt(int index) {
        return hexValue(body[2 * index]) << 4 | hexValue(body[2 * index + 1]);
    }

    private void reportNoise(Listener listener) {
        if (noise > 0) {
            listener.onReject(NOISE, noise + " bytes outside a frame");
            noise = 0;
        }
    }

    /** Upper and lower case are accepted: the module sends upper case, both python and C readers take either. */
    static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
