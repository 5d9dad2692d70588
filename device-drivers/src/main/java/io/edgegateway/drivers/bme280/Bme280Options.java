package io.edgegateway.drivers.bme280;

import io.edgegateway.drivers.DriverOptions;
import io.edgegateway.drivers.Wiring;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionSchema;
import io.edgegateway.drivers.options.OptionSpec;
import io.edgegateway.drivers.options.OptionValues;
import java.util.List;
import java.util.Map;

/**
 * Options of a {@code bme280} device. Oversampling factors are the datasheet's ×1..×16 (register codes
 * 1..5); humidity may be {@code skip} (code 0). Temperature and pressure cannot be skipped: temperature feeds
 * the other two formulas and this driver always reports pressure. The IIR filter smooths pressure and
 * temperature against door slams and gusts at the cost of response time.
 */
public record Bme280Options(int i2cBus, int address, long periodSeconds, int osrsT, int osrsP, int osrsH,
                            int filter) implements DriverOptions {

    static final List<String> FACTORS = List.of("1", "2", "4", "8", "16");

    public static final OptionSchema SCHEMA = new OptionSchema("bme280", List.of(
            OptionSpec.integer("i2c-bus", "bus number").withDefault(1).withRange(0, 22)
                    .describedAs("I2C bus the sensor is on; 1 is the header's SDA/SCL (pins 3 and 5)."),
            OptionSpec.integer("address", "7-bit address").withDefault(0x76).withRange(0x76, 0x77)
                    .describedAs("0x76 (118) with SDO to GND, 0x77 (119) with SDO to 3V3."),
            OptionSpec.integer("period", "s").withDefault(60).withRange(1, 86_400)
                    .describedAs("Time between measurements."),
            OptionSpec.choice("oversampling-temperature", "1", "2", "4", "8", "16").withDefault("1")
                    .describedAs("Temperature oversampling factor; higher is less noisy and slower."),
            OptionSpec.choice("oversampling-pressure", "1", "2", "4", "8", "16").withDefault("1")
                    .describedAs("Pressure oversampling factor."),
            OptionSpec.choice("oversampling-humidity", "skip", "1", "2", "4", "8", "16").withDefault("1")
                    .describedAs("Humidity oversampling factor; skip leaves humidity out of events."),
            OptionSpec.choice("iir-filter", "off", "2", "4", "8", "16").withDefault("off")
                    .describedAs("IIR filter coefficient for temperature and pressure.")));

    public static Bme280Options parse(Map<String, ?> raw) throws InvalidOptionsException {
        OptionValues v = SCHEMA.parse(raw);
        return new Bme280Options(v.getInt("i2c-bus"), v.getInt("address"), v.getLong("period"),
                code(v.getString("oversampling-temperature")), code(v.getString("oversampling-pressure")),
                code(v.getString("oversampling-humidity")), filterCode(v.getString("iir-filter")));
    }

    /** Oversampling register code: skip 0, ×1 1, ×2 2, ×4 3, ×8 4, ×16 5. */
    private static int code(String factor) {
        return factor.equals("skip") ? 0 : FACTORS.indexOf(factor) + 1;
    }

    /** IIR register code: off 0, 2 1, 4 2, 8 3, 16 4. */
    private static int filterCode(String coefficient) {
        return coefficient.equals("off") ? 0 : FACTORS.indexOf(coefficient);
    }

    /**
     * Worst-case conversion time in ms for these settings (datasheet §9.1, rounded up): 1.25 + 2.3·T +
     * (2.3·P + 0.575) + (2.3·H + 0.575), where a skipped channel costs nothing.
     */
    public long measurementMillis() {
        double ms = 1.25 + 2.3 * factor(osrsT) + 2.3 * factor(osrsP) + 0.575;
        if (osrsH > 0) {
            ms += 2.3 * factor(osrsH) + 0.575;
        }
        return (long) Math.ceil(ms);
    }

    private static int factor(int code) {
        return code == 0 ? 0 : 1 << (code - 1);
    }

    @Override
    public Wiring wiring() {
        return Wiring.bus("i2c-" + i2cBus);
    }
}
