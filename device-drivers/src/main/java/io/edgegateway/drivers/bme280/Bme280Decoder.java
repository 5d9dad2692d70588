package io.edgegateway.drivers.bme280;

import java.util.Optional;

/**
 * Turns one raw sample into a reading, or names why it cannot: a channel still at its reset value
 * ({@code no-data}), or a result outside the sensor's operating range ({@code out-of-range}: -40..85 °C,
 * 300..1100 hPa per datasheet §1), which on a healthy chip means a corrupted transfer. Pure and stateless.
 */
public final class Bme280Decoder {
    public static final String NO_DATA = "no-data";
    public static final String OUT_OF_RANGE = "out-of-range";

    private final Bme280Calibration calibration;
    private final boolean humidityEnabled;

    public Bme280Decoder(Bme280Calibration calibration, boolean humidityEnabled) {
        this.calibration = calibration;
        this.humidityEnabled = humidityEnabled;
    }

    /** A decoded reading, or a reject reason and detail. */
    public record Result(Optional<Bme280Reading> reading, String rejectReason, String detail) {
        static Result ok(Bme280Reading r) {
            return new Result(Optional.of(r), "", "");
        }

        static Result reject(String reason, String detail) {
            return new Result(Optional.empty(), reason, detail);
        }
    }

    public Result decode(Bme280Sample s) {
        if (s.adcT() == Bme280Sample.SKIPPED_20 || s.adcP() == Bme280Sample.SKIPPED_20
                || (humidityEnabled && s.adcH() == Bme280Sample.SKIPPED_16)) {
            return Result.reject(NO_DATA, "channel at reset value: " + s);
        }
        int tFine = Bme280Compensation.tFine(s.adcT(), calibration);
        int centi = Bme280Compensation.temperatureCentiCelsius(tFine);
        long pQ = Bme280Compensation.pressureQ24x8(s.adcP(), tFine, calibration);
        double pa = pQ / 256.0;
        if (centi < -4000 || centi > 8500 || pa < 30_000 || pa > 110_000) {
            return Result.reject(OUT_OF_RANGE, String.format("%.2f °C, %.2f Pa from %s", centi / 100.0, pa, s));
        }
        Double humidity = humidityEnabled
                ? Bme280Compensation.humidityQ22x10(s.adcH(), tFine, calibration) / 1024.0 : null;
        return Result.ok(new Bme280Reading(centi / 100.0, pa, humidity));
    }
}
