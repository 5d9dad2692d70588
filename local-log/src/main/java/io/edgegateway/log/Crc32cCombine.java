package io.edgegateway.log;

/**
 * Joins two CRC32C values: given the CRC of A and the CRC of B, the CRC of A followed by B, in time
 * logarithmic in B's length. An appender computes the CRC of its batch's body before the batch has its
 * offsets, in parallel with the others; the writer then needs only the 12 header bytes that the offsets
 * change, and this join, instead of the whole 64 KiB. The method is zlib's {@code crc32_combine}
 * (multiplication modulo the CRC polynomial, with the powers x^(2^k) in a table), for the Castagnoli
 * polynomial that {@link java.util.zip.CRC32C} uses.
 */
final class Crc32cCombine {
    /** The Castagnoli polynomial, bit-reversed, as CRC32C processes bits least significant first. */
    private static final int POLY = 0x82F63B78;
    /** x^(2^k) modulo the polynomial, for k = 0..31. */
    private static final int[] X2N = new int[32];

    static {
        int p = 1 << 30; // x^1
        X2N[0] = p;
        for (int k = 1; k < 32; k++) {
            p = multModP(p, p);
            X2N[k] = p;
        }
    }

    private Crc32cCombine() {
    }

    /** The CRC32C of A followed by B, from {@code crcA}, {@code crcB} and the length of B in bytes. */
    static int combine(int crcA, int crcB, long lengthB) {
        if (lengthB <= 0) {
            return crcA;
        }
        return multModP(x2nModP(lengthB, 3), crcA) ^ crcB;
    }

    /** a(x) * b(x) modulo the polynomial, bit-reversed. */
    private static int multModP(int a, int b) {
        int m = 1 << 31;
        int p = 0;
        while (true) {
            if ((a & m) != 0) {
                p ^= b;
                if ((a & (m - 1)) == 0) {
                    return p;
                }
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
    }

    /** x^(n * 2^k) modulo the polynomial. */
    private static int x2nModP(long n, int k) {
        int p = 1 << 31; // x^0
        while (n != 0) {
            if ((n & 1) != 0) {
                p = multModP(X2N[k & 31], p);
            }
            n >>>= 1;
            k++;
        }
        return p;
    }
}
