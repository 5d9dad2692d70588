package io.edgegateway.drivers.wiegand;

import io.edgegateway.drivers.DriverOptions;
import io.edgegateway.drivers.Wiring;
import io.edgegateway.drivers.bus.Pull;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionProblem;
import io.edgegateway.drivers.options.OptionSchema;
import io.edgegateway.drivers.options.OptionSpec;
import io.edgegateway.drivers.options.OptionValues;
import java.util.List;
import java.util.Map;

/**
 * Options of a {@code wiegand} reader: the two data pins, the bias, and how long a quiet line ends a frame.
 * The timeout must exceed the 20 ms longest bit interval SIA AC-01 allows; 25–100 ms is common practice.
 */
public record WiegandOptions(int d0, int d1, Pull pull, long frameTimeoutMillis) implements DriverOptions {
    public static final OptionSchema SCHEMA = new OptionSchema("wiegand", List.of(
            OptionSpec.gpioPin("d0").describedAs("GPIO of the reader's DATA0 (green) line, via a level shifter."),
            OptionSpec.gpioPin("d1").describedAs("GPIO of the reader's DATA1 (white) line, via a level shifter."),
            OptionSpec.choice("pull", "up", "off").withDefault("up")
                    .describedAs("Internal pull-up, or off when the level shifter has its own."),
            OptionSpec.integer("frame-timeout", "ms").withDefault(50).withRange(21, 1000)
                    .describedAs("Silence that ends a frame; longer than the 20 ms maximum bit interval.")));

    public static WiegandOptions parse(Map<String, ?> raw) throws InvalidOptionsException {
        OptionValues v = SCHEMA.parse(raw);
        if (v.getInt("d0") == v.getInt("d1")) {
            throw new InvalidOptionsException("wiegand", List.of(new OptionProblem("d1",
                    "must differ from d0 (both are GPIO" + v.getInt("d0") + ")")));
        }
        return new WiegandOptions(v.getInt("d0"), v.getInt("d1"),
                v.getString("pull").equals("up") ? Pull.UP : Pull.OFF, v.getLong("frame-timeout"));
    }

    @Override
    public Wiring wiring() {
        return Wiring.pins(Map.of("d0", d0, "d1", d1));
    }
}
