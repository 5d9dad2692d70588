package io.edgegateway.drivers.bme280;

/**
 * Bosch's integer compensation formulas (BME280 datasheet §4.2.3; temperature and pressure identical to the
 * BMP280's §3.11.3), ported line by line. Java's {@code >>} is arithmetic, {@code /} truncates toward zero and
 * int arithmetic wraps, exactly the semantics of the reference C code compiled with wrapping, so the results
 * match Bosch's bit for bit. Temperature must be computed first: its {@code t_fine} feeds the other two.
 */
public final class Bme280Compensation {
    /** Humidity's upper clamp in Q22.10 before the final shift: 100 %RH. */
    private static final int HUMIDITY_MAX = 419_430_400;

    private Bme280Compensation() {
    }

    /** The fine temperature, {@code t_fine / 5120} ≈ °C. */
    public static int tFine(int adcT, Bme280Calibration c) {
        int var1 = (((adcT >> 3) - (c.t1() << 1)) * c.t2()) >> 11;
        int d = (adcT >> 4) - c.t1();
        int var2 = (((d * d) >> 12) * c.t3()) >> 14;
        return var1 + var2;
    }

    /** Temperature in 0.01 °C ("5123" = 51.23 °C). */
    public static int temperatureCentiCelsius(int tFine) {
        return (tFine * 5 + 128) >> 8;
    }

    /** Pressure in Pa as unsigned Q24.8 ("24674867" = 24674867/256 = 96386.2 Pa); 0 if the formula would divide by zero. */
    public static long pressureQ24x8(int adcP, int tFine, Bme280Calibration c) {
        long var1 = (long) tFine - 128_000;
        long var2 = var1 * var1 * c.p6();
        var2 = var2 + ((var1 * c.p5()) << 17);
        var2 = var2 + (((long) c.p4()) << 35);
        var1 = ((var1 * var1 * c.p3()) >> 8) + ((var1 * c.p2()) << 12);
        var1 = ((1L << 47) + var1) * c.p1() >> 33;
        if (var1 == 0) {
            return 0;
        }
        long p = 1_048_576 - adcP;
        p = (((p << 31) - var2) * 3125) / var1;
        var1 = (((long) c.p9()) * (p >> 13) * (p >> 13)) >> 25;
        var2 = (((long) c.p8()) * p) >> 19;
        p = ((p + var1 + var2) >> 8) + (((long) c.p7()) << 4);
        return p & 0xFFFF_FFFFL;
    }

    /** Relative humidity in %RH as unsigned Q22.10 ("47445" = 47445/1024 = 46.333 %RH), clamped to 0..100 %. */
    public static long humidityQ22x10(int adcH, int tFine, Bme280Calibration c) {
        int v = tFine - 76_800;
        v = (((((adcH << 14) - (c.h4() << 20) - (c.h5() * v)) + 16_384) >> 15)
                * (((((((v * c.h6()) >> 10) * (((v * c.h3()) >> 11) + 32_768)) >> 10) + 2_097_152) * c.h2()
                + 8_192) >> 14));
        v = v - (((((v >> 15) * (v >> 15)) >> 7) * c.h1()) >> 4);
        v = Math.max(0, Math.min(HUMIDITY_MAX, v));
        return (v >>> 12) & 0xFFFF_FFFFL;
    }
}
