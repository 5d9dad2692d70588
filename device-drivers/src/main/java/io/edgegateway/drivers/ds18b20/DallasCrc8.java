package io.edgegateway.drivers.ds18b20;

/**
 * Dallas/Maxim 1-Wire CRC-8: polynomial x^8 + x^5 + x^4 + 1 (0x8C reflected), initial value 0, least
 * significant bit first (Maxim application note 27). The same CRC protects the scratchpad and the 64-bit ROM
 * code; the CRC over the data followed by its CRC byte is 0.
 */
public final class DallasCrc8 {
    private DallasCrc8() {
    }

    public static int compute(byte[] data, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            int b = data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                int mix = (crc ^ b) & 1;
                crc >>= 1;
                if (mix != 0) {
                    crc ^= 0x8C;
                }
                b >>= 1;
            }
        }
        return crc;
    }
}
