package io.edgegateway.drivers.mfrc522;

/**
 * The ISO/IEC 14443-3 type A pieces a UID read needs: the short-frame and anticollision command bytes, the
 * block check character of a cascade level, and CRC_A. Pure functions, no state.
 */
final class Iso14443a {
    /** REQA, sent as a 7-bit short frame (ISO 14443-3 §6.3.1). */
    static final int REQA = 0x26;
    /** SEL codes of cascade levels 1, 2 and 3 (§6.5.3.2). */
    static final int[] SEL = {0x93, 0x95, 0x97};
    /** NVB for ANTICOLLISION with no known UID bits: 2 bytes sent (high nibble), 0 extra bits. */
    static final int NVB_ANTICOLLISION = 0x20;
    /** NVB for SELECT: 7 bytes (SEL, NVB, 4 UID bytes, BCC) before the CRC. */
    static final int NVB_SELECT = 0x70;
    /** A CLn answer starting with this byte carries 3 UID bytes and announces another cascade level (§6.5.4). */
    static final int CASCADE_TAG = 0x88;
    /** SAK b3 (0x04, ISO bit numbering from b1): "UID not complete", the cascade bit (§6.5.3.4). */
    static final int SAK_CASCADE = 0x04;

    private Iso14443a() {
    }

    /**
     * Block check character of one cascade level: the XOR of its four UID bytes (§6.5.3.3). With the BCC
     * included, the XOR over all five bytes is 0, so any single flipped bit is caught.
     */
    static int bcc(byte[] b, int offset) {
        return (b[offset] ^ b[offset + 1] ^ b[offset + 2] ^ b[offset + 3]) & 0xFF;
    }

    /**
     * CRC_A over {@code len} bytes (ISO 14443-3 Annex B): CRC-16/CCITT processed LSB first, i.e. the
     * reflected polynomial 0x8408, initial value 0x6363, no final XOR. The result is sent low byte first.
     */
    static int crcA(byte[] data, int offset, int len) {
        int crc = 0x6363;
        for (int i = offset; i < offset + len; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
            }
        }
        return crc & 0xFFFF;
    }

    /** A copy of {@code frame} with CRC_A appended, low byte first. */
    static byte[] withCrc(byte[] frame) {
        byte[] out = java.util.Arrays.copyOf(frame, frame.length + 2);
        int crc = crcA(frame, 0, frame.length);
        out[frame.length] = (byte) crc;
        out[frame.length + 1] = (byte) (crc >>> 8);
        return out;
    }

    /** Whether the last two bytes of {@code frame} are the CRC_A of the bytes before them. */
    static boolean crcOk(byte[] frame) {
        if (frame.length < 3) {
            return false;
        }
        int n = frame.length - 2;
        int crc = crcA(frame, 0, n);
        return (frame[n] & 0xFF) == (crc & 0xFF) && (frame[n + 1] & 0xFF) == crc >>> 8;
    }
}
