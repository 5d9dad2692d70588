package io.edgegateway.drivers.bme280;

/**
 * The factory trimming constants of one BME280 (datasheet §4.2.2, Table 16), read once at start. Registers
 * 0x88..0xA1 hold T1..T3, P1..P9 as little-endian 16-bit words (T1 and P1 unsigned) and H1 at 0xA1;
 * 0xE1..0xE7 hold H2 (int16), H3 (uint8), H4 and H5 (12-bit signed, sharing the nibbles of 0xE5) and H6 (int8).
 * H4/H5 are sign-extended through their MSB byte as Bosch's reference code does; several libraries got
 * negative values wrong (Adafruit_BME280_Library #44).
 */
public record Bme280Calibration(int t1, int t2, int t3, int p1, int p2, int p3, int p4, int p5, int p6, int p7,
                                int p8, int p9, int h1, int h2, int h3, int h4, int h5, int h6) {

    /** First block: 26 bytes from 0x88. */
    public static final int TP_START = 0x88;
    public static final int TP_LENGTH = 26;
    /** Second block: 7 bytes from 0xE1. */
    public static final int H_START = 0xE1;
    public static final int H_LENGTH = 7;

    /**
     * @param tp bytes 0x88..0xA1
     * @param h  bytes 0xE1..0xE7
     */
    public static Bme280Calibration parse(byte[] tp, byte[] h) {
        if (tp.length != TP_LENGTH || h.length != H_LENGTH) {
            throw new IllegalArgumentException("calibration blocks must be 26 and 7 bytes");
        }
        return new Bme280Calibration(
                u16(tp, 0), s16(tp, 2), s16(tp, 4),
                u16(tp, 6), s16(tp, 8), s16(tp, 10), s16(tp, 12), s16(tp, 14), s16(tp, 16), s16(tp, 18),
                s16(tp, 20), s16(tp, 22),
                tp[25] & 0xFF,
                s16(h, 0),
                h[2] & 0xFF,
                (h[3] << 4) | (h[4] & 0x0F),
                (h[5] << 4) | ((h[4] & 0xFF) >> 4),
                h[6]);
    }

    /**
     * A blank or absent NVM reads as all zeros or all ones; T1 and P1 are then 0 or 0xFFFF and the pressure
     * formula would divide by zero, so such a chip is treated as broken rather than measured.
     */
    public boolean looksBlank() {
        return t1 == 0 || p1 == 0 || t1 == 0xFFFF || p1 == 0xFFFF;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
    }

    private static int s16(byte[] b, int i) {
        return (short) u16(b, i);
    }
}
