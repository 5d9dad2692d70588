package io.edgegateway.drivers.pn532;

import java.util.Arrays;

/**
 * Finds and checks PN532-to-host frames in a byte stream (UM0701 §6.2.1). It syncs on the
 * start code {@code 00 FF}, then tells the fixed frames apart by LEN/LCS ({@code 00 FF} ACK, {@code FF 00}
 * NACK), checks LEN + LCS = 0 and TFI + data + DCS = 0 (mod 256), and accepts only TFI {@code D5}. Any check
 * that fails drops just the first byte of the candidate and scans again, so a false start code inside data
 * or noise costs nothing and a real frame right behind it is still found, even when a false LEN would make
 * the candidate swallow it (see {@link #laterCompleteFrame}). Zero bytes between frames are
 * preamble/postamble and not noise. The buffer holds at most one candidate frame ({@link #CAPACITY} bytes);
 * every byte is processed as it arrives, so the result does not depend on how the stream is split. Extended
 * frames (LEN {@code FF FF}) are never sent in answer to the commands this driver uses and are rejected.
 * Not thread-safe.
 */
public final class Pn532FrameDecoder {
    /** Start code, LEN, LCS, 255 bytes of TFI and data, DCS. */
    public static final int CAPACITY = 260;
    static final int NOISE_REPORT_RUN = 64;

    /** Reject reasons, as counted in the device metrics. */
    public static final String NOISE = "noise";
    public static final String BAD_LCS = "bad-lcs";
    public static final String BAD_DCS = "bad-dcs";
    public static final String BAD_TFI = "bad-tfi";
    public static final String BAD_LENGTH = "bad-length";
    public static final String EXTENDED_FRAME = "extended-frame";
    public static final String TRUNCATED = "truncated-frame";

    /** Receives frames and reject reasons, on the feeding thread. */
    public interface Listener {
        void onFrame(Pn532Frame frame);

        void onReject(String reason, String detail);
    }

    private final byte[] buf = new byte[CAPACITY];
    private int n;
    private int noise;

    public int buffered() {
        return n;
    }

    /** Forgets a partial frame, e.g. after a timeout, so the next answer is not glued to stale bytes. */
    public void reset() {
        n = 0;
        noise = 0;
    }

    public void feed(byte[] data, int offset, int length, Listener listener) {
        for (int i = offset; i < offset + length; i++) {
            buf[n++] = data[i];
            scan(listener);
        }
    }

    private int at(int i) {
        return buf[i] & 0xFF;
    }

    /** Consumes complete frames and garbage from the front; leaves at most one incomplete candidate. */
    private void scan(Listener listener) {
        while (n > 0) {
            if (at(0) != 0x00) {
                drop(1, true, listener);
                continue;
            }
            if (n < 2) {
                return;
            }
            if (at(1) != 0xFF) {
                drop(1, false, listener); // a zero: preamble, postamble or padding
                continue;
            }
            if (n < 4) {
                return;
            }
            int len = at(2);
            int lcs = at(3);
            if (len == 0x00 && lcs == 0xFF) {
                emit(new Pn532Frame.Ack(), 4, listener);
                continue;
            }
            if (len == 0xFF && lcs == 0x00) {
                emit(new Pn532Frame.Nack(), 4, listener);
                continue;
            }
            if (len == 0xFF && lcs == 0xFF) {
                listener.onReject(EXTENDED_FRAME, "extended frame not supported");
                drop(1, false, listener);
                continue;
            }
            if (((len + lcs) & 0xFF) != 0) {
                listener.onReject(BAD_LCS, String.format("LEN %02X LCS %02X", len, lcs));
                drop(1, false, listener);
                continue;
            }
            if (len == 0) {
                listener.onReject(BAD_LENGTH, "LEN 0 with LCS 0");
                drop(1, false, listener);
                continue;
            }
            int total = 4 + len + 1;
            if (n < total) {
                int later = laterCompleteFrame();
                if (later < 0) {
                    return;
                }
                listener.onReject(TRUNCATED, String.format("frame of LEN %02X cut off by a complete frame", len));
                drop(later, false, listener);
                continue;
            }
            if (!checkFrame(len, listener)) {
                drop(1, false, listener);
                continue;
            }
            Pn532Frame frame = frameOf(len, listener);
            if (frame != null) {
                emit(frame, total, listener);
            } else {
                // Good checksums but not a response: noise can pass both (00 FF 01 FF 00 00 does), and
                // its false LEN may reach into the real frame behind it, so only the first byte goes.
                drop(1, false, listener);
            }
        }
    }

    /**
     * While the candidate at the front waits for LEN bytes, looks for a complete frame with good checksums
     * starting later in the buffer. Finding one means the candidate was a false start code (or lost bytes):
     * without this, a false LEN of up to 255 in noise would hold back the real answer right behind it.
     */
    private int laterCompleteFrame() {
        for (int j = 1; j + 4 <= n; j++) {
            if (at(j) != 0x00 || at(j + 1) != 0xFF) {
                continue;
            }
            int len = at(j + 2);
            int lcs = at(j + 3);
            if ((len == 0x00 && lcs == 0xFF) || (len == 0xFF && lcs == 0x00)) {
                return j;
            }
            if (len == 0 || ((len + lcs) & 0xFF) != 0 || j + 5 + len > n) {
                continue;
            }
            int sum = 0;
            for (int i = j + 4; i < j + 5 + len; i++) {
                sum += at(i);
            }
            if ((sum & 0xFF) == 0) {
                return j;
            }
        }
        return -1;
    }

    private boolean checkFrame(int len, Listener listener) {
        int sum = 0;
        for (int i = 4; i < 4 + len + 1; i++) {
            sum += at(i);
        }
        if ((sum & 0xFF) != 0) {
            listener.onReject(BAD_DCS, String.format("LEN %02X, TFI+data+DCS = %02X", len, sum & 0xFF));
            return false;
        }
        return true;
    }

    /** The frame behind a good checksum, or null (after a reject) when it is not a PN532 response. */
    private Pn532Frame frameOf(int len, Listener listener) {
        int tfi = at(4);
        if (tfi == 0x7F && len == 1) {
            return new Pn532Frame.ErrorFrame();
        }
        if (tfi != Pn532Codec.TFI_PN532) {
            listener.onReject(BAD_TFI, String.format("TFI %02X", tfi));
            return null;
        }
        if (len < 2) {
            listener.onReject(BAD_LENGTH, "response without a code");
            return null;
        }
        return new Pn532Frame.Response(at(5), Arrays.copyOfRange(buf, 6, 4 + len));
    }

    private void emit(Pn532Frame frame, int consumed, Listener listener) {
        reportNoise(listener);
        drop(consumed, false, listener);
        listener.onFrame(frame);
    }

    private void drop(int count, boolean isNoise, Listener listener) {
        System.arraycopy(buf, count, buf, 0, n - count);
        n -= count;
        if (isNoise && ++noise == NOISE_REPORT_RUN) {
            reportNoise(listener);
        }
    }

    private void reportNoise(Listener listener) {
        if (noise > 0) {
            listener.onReject(NOISE, noise + " bytes outside a frame");
            noise = 0;
        }
    }
}
