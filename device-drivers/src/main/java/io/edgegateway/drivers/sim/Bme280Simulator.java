package io.edgegateway.drivers.sim;

import io.edgegateway.drivers.Clock;
import io.edgegateway.drivers.bme280.Bme280Calibration;
import io.edgegateway.drivers.bme280.Bme280Compensation;
import io.edgegateway.drivers.bme280.Bme280Sample;

/**
 * A BME280 as its register map ({@code byte[256]}, datasheet Table 18): chip id 0x60 at 0xD0, calibration
 * constants at 0x88..0xA1 and 0xE1..0xE7, control registers, and data registers that a forced-mode write to
 * ctrl_meas fills with raw ADC counts. The raw counts are found by inverting Bosch's compensation (binary
 * search, the formulas are monotonic in each count) for the {@link DailyWeather} at the clock's time, so the
 * driver's compensation must reproduce the simulated weather. The status register shows "measuring" until
 * the datasheet's conversion time has passed. Attach it with {@link SimI2cProvider#attach}.
 *
 * <p>Faults: {@link #setChipId} (a BMP280 or a different chip answers), {@link #setStuckMeasuring} (a
 * conversion never finishes), {@link #blankCalibration} (NVM reads zeros), {@link #corruptNextSample} (the
 * next conversion leaves the reset value 0x80000 in the data registers). Unplugging is done on the provider.
 */
public final class Bme280Simulator implements I2cChip {
    /** Calibration of the BMP280 datasheet's worked example (§3.12) plus typical humidity constants. */
    public static final Bme280Calibration EXAMPLE_CALIBRATION = new Bme280Calibration(27504, 26435, -1000,
            36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000, 75, 362, 0, 313, 50, 30);

    private final byte[] map = new byte[256];
    private final Clock clock;
    private final DailyWeather weather;
    private final Bme280Calibration calibration;
    private long measuringUntilNanos;
    private boolean stuckMeasuring;
    private boolean corruptNext;
    private int conversions;

    public Bme280Simulator(Clock clock, DailyWeather weather) {
        this(clock, weather, EXAMPLE_CALIBRATION);
    }

    public Bme280Simulator(Clock clock, DailyWeather weather, Bme280Calibration calibration) {
        this.clock = clock;
        this.weather = weather;
        this.calibration = calibration;
        writeCalibration(calibration);
        powerOnReset();
    }

    private void powerOnReset() {
        map[0xD0] = 0x60;
        map[0xF2] = 0;
        map[0xF3] = 0;
        map[0xF4] = 0;
        map[0xF5] = 0;
        setData(Bme280Sample.SKIPPED_20, Bme280Sample.SKIPPED_20, 0x8000);
    }

    private void writeCalibration(Bme280Calibration c) {
        int[] words = {c.t1(), c.t2(), c.t3(), c.p1(), c.p2(), c.p3(), c.p4(), c.p5(), c.p6(), c.p7(), c.p8(),
            c.p9()};
        for (int i = 0; i < words.length; i++) {
            map[0x88 + 2 * i] = (byte) words[i];
            map[0x89 + 2 * i] = (byte) (words[i] >> 8);
        }
        map[0xA1] = (byte) c.h1();
        map[0xE1] = (byte) c.h2();
        map[0xE2] = (byte) (c.h2() >> 8);
        map[0xE3] = (byte) c.h3();
        map[0xE4] = (byte) (c.h4() >> 4);
        map[0xE5] = (byte) ((c.h4() & 0x0F) | ((c.h5() & 0x0F) << 4));
        map[0xE6] = (byte) (c.h5() >> 4);
        map[0xE7] = (byte) c.h6();
    }

    @Override
    public synchronized int read(int register) {
        if (register == 0xF3) {
            boolean measuring = stuckMeasuring || clock.monotonicNanos() < measuringUntilNanos;
            return measuring ? 0x08 : 0x00;
        }
        return map[register] & 0xFF;
    }

    @Override
    public synchronized void write(int register, int value) {
        switch (register) {
            case 0xE0 -> {
                if (value == 0xB6) {
                    powerOnReset();
                }
            }
            case 0xF2, 0xF5 -> map[register] = (byte) value;
            case 0xF4 -> {
                map[0xF4] = (byte) value;
                int mode = value & 0b11;
                if (mode == 0b01 || mode == 0b10) {
                    convert(value);
                    map[0xF4] = (byte) (value & ~0b11); // back to sleep after a forced conversion
                }
            }
            default -> {
                // read-only or unused registers ignore writes, as on the chip
            }
        }
    }

    private void convert(int ctrlMeas) {
        conversions++;
        int osrsT = (ctrlMeas >> 5) & 7;
        int osrsP = (ctrlMeas >> 2) & 7;
        int osrsH = map[0xF2] & 7;
        double ms = 1.25 + 2.3 * factor(osrsT) + (osrsP > 0 ? 2.3 * factor(osrsP) + 0.575 : 0)
                + (osrsH > 0 ? 2.3 * factor(osrsH) + 0.575 : 0);
        measuringUntilNanos = clock.monotonicNanos() + (long) (ms * 1_000_000);
        if (corruptNext) {
            corruptNext = false;
            setData(Bme280Sample.SKIPPED_20, Bme280Sample.SKIPPED_20, 0x8000);
            return;
        }
        long now = clock.wallMillis();
        double t = weather.temperatureC(now);
        int adcT = osrsT == 0 ? Bme280Sample.SKIPPED_20 : adcForTemperature(t);
        int tFine = Bme280Compensation.tFine(adcT, calibration);
        int adcP = osrsP == 0 ? Bme280Sample.SKIPPED_20 : adcForPressure(weather.pressurePa(now), tFine);
        int adcH = osrsH == 0 ? 0x8000 : adcForHumidity(weather.humidityPct(t), tFine);
        setData(adcP, adcT, adcH);
    }

    private static int factor(int code) {
        return code == 0 ? 0 : 1 << (Math.min(code, 5) - 1);
    }

    int adcForTemperature(double celsius) {
        int lo = 0;
        int hi = (1 << 20) - 1;
        int target = (int) Math.round(celsius * 100);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int t = Bme280Compensation.temperatureCentiCelsius(Bme280Compensation.tFine(mid, calibration));
            if (t < target) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Pressure falls as the raw count rises. */
    int adcForPressure(double pa, int tFine) {
        int lo = 0;
        int hi = (1 << 20) - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double p = Bme280Compensation.pressureQ24x8(mid, tFine, calibration) / 256.0;
            if (p > pa) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    int adcForHumidity(double pct, int tFine) {
        int lo = 0;
        int hi = 0xFFFF;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double h = Bme280Compensation.humidityQ22x10(mid, tFine, calibration) / 1024.0;
            if (h < pct) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void setData(int adcP, int adcT, int adcH) {
        map[0xF7] = (byte) (adcP >> 12);
        map[0xF8] = (byte) (adcP >> 4);
        map[0xF9] = (byte) ((adcP & 0x0F) << 4);
        map[0xFA] = (byte) (adcT >> 12);
        map[0xFB] = (byte) (adcT >> 4);
        map[0xFC] = (byte) ((adcT & 0x0F) << 4);
        map[0xFD] = (byte) (adcH >> 8);
        map[0xFE] = (byte) adcH;
    }

    public synchronized void setChipId(int id) {
        map[0xD0] = (byte) id;
    }

    public synchronized void setStuckMeasuring(boolean stuck) {
        stuckMeasuring = stuck;
    }

    public synchronized void blankCalibration() {
        for (int r = 0x88; r <= 0xA1; r++) {
            map[r] = 0;
        }
    }

    public synchronized void corruptNextSample() {
        corruptNext = true;
    }

    /** Register value as last written by the driver, for tests. */
    public synchronized int register(int register) {
        return map[register] & 0xFF;
    }

    /** Conversions triggered so far. */
    public synchronized int conversions() {
        return conversions;
    }
}
