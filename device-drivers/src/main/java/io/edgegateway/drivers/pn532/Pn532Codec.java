package io.edgegateway.drivers.pn532;

/**
 * Builds host-to-PN532 frames (UM0701 §6.2.1.1): preamble {@code 00}, start code
 * {@code 00 FF}, LEN = number of bytes in TFI and data, LCS with LEN + LCS = 0 (mod 256), TFI {@code D4},
 * command code and parameters, DCS with TFI + data + DCS = 0 (mod 256), postamble {@code 00}. Also holds the
 * fixed ACK/NACK frames and the command codes this driver uses.
 */
public final class Pn532Codec {
    public static final int TFI_HOST = 0xD4;
    public static final int TFI_PN532 = 0xD5;

    public static final int GET_FIRMWARE_VERSION = 0x02;
    public static final int SAM_CONFIGURATION = 0x14;
    public static final int RF_CONFIGURATION = 0x32;
    public static final int IN_LIST_PASSIVE_TARGET = 0x4A;

    static final byte[] ACK = {0x00, 0x00, (byte) 0xFF, 0x00, (byte) 0xFF, 0x00};
    static final byte[] NACK = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF, 0x00, 0x00};

    /**
     * HSU wake-up from the LowVbat mode the PN532 starts in (PN532 user manual UM0701, libnfc): {@code 55 55} and a
     * run of zeros long enough to cover the oscillator start-up, sent right before the first frame.
     */
    static final byte[] HSU_WAKE_UP = {0x55, 0x55, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    /** Longest normal frame: 6 bytes of framing, 255 of TFI and data. */
    public static final int MAX_FRAME = 262;

    private Pn532Codec() {
    }

    /** The complete frame for {@code command} with {@code params}. */
    public static byte[] command(int command, byte... params) {
        int len = 2 + params.length; // TFI + command code + params
        if (len > 255) {
            throw new IllegalArgumentException("extended frames are not supported: " + len + " bytes");
        }
        byte[] f = new byte[len + 7];
        f[0] = 0x00;
        f[1] = 0x00;
        f[2] = (byte) 0xFF;
        f[3] = (byte) len;
        f[4] = (byte) (0x100 - len);
        f[5] = (byte) TFI_HOST;
        f[6] = (byte) command;
        System.arraycopy(params, 0, f, 7, params.length);
        int sum = TFI_HOST + command;
        for (byte p : params) {
            sum += p & 0xFF;
        }
        f[7 + params.length] = (byte) (0x100 - (sum & 0xFF));
        f[8 + params.length] = 0x00;
        return f;
    }

    static String hex(byte[] data) {
        StringBuilder sb = new StringBuilder(data.length * 2);
        for (byte b : data) {
            sb.append(String.format("%02X", b & 0xFF));
        }
        return sb.toString();
    }
}
