package io.edgegateway.drivers.bme280;

/**
 * Raw ADC values of one burst read of 0xF7..0xFE: pressure and temperature are 20-bit
 * ({@code msb<<12 | lsb<<4 | xlsb>>4}), humidity 16-bit. {@link #SKIPPED_20} / {@link #SKIPPED_16} are what a
 * channel holds when its oversampling is "skipped" or no conversion has run since reset.
 */
public record Bme280Sample(int adcP, int adcT, int adcH) {
    public static final int SKIPPED_20 = 0x80000;
    public static final int SKIPPED_16 = 0x8000;
    /** Start of the data registers and burst length. */
    public static final int DATA_START = 0xF7;
    public static final int DATA_LENGTH = 8;

    public static Bme280Sample parse(byte[] d) {
        int p = ((d[0] & 0xFF) << 12) | ((d[1] & 0xFF) << 4) | ((d[2] & 0xFF) >> 4);
        int t = ((d[3] & 0xFF) << 12) | ((d[4] & 0xFF) << 4) | ((d[5] & 0xFF) >> 4);
        int h = ((d[6] & 0xFF) << 8) | (d[7] & 0xFF);
        return new Bme280Sample(p, t, h);
    }
}
