package io.edgegateway.drivers.gpio;

import io.edgegateway.drivers.DriverOptions;
import io.edgegateway.drivers.Wiring;
import io.edgegateway.drivers.bus.Pull;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionSchema;
import io.edgegateway.drivers.options.OptionSpec;
import io.edgegateway.drivers.options.OptionValues;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Options of a {@code gpio-input} device (button, PIR, reed switch): the pin and its bias, the debounce time,
 * which transitions produce events, and whether low means "active" (a button to ground with the pull-up).
 */
public record GpioInputOptions(int pin, Pull pull, long debounceMillis, Edges edges, boolean activeLow)
        implements DriverOptions {

    /** Which physical transitions are reported. */
    public enum Edges { RISING, FALLING, BOTH }

    public static final OptionSchema SCHEMA = new OptionSchema("gpio-input", List.of(
            OptionSpec.gpioPin("pin").describedAs("GPIO the switch or sensor output is wired to."),
            OptionSpec.choice("pull", "up", "down", "off").withDefault("up")
                    .describedAs("Internal bias: up for a switch to GND, down for a switch to 3V3, off for "
                            + "sensors that drive the line."),
            OptionSpec.integer("debounce", "ms").withDefault(20).withRange(0, 1000)
                    .describedAs("A change counts once the level has held this long; 0 reports every edge."),
            OptionSpec.choice("edge", "rising", "falling", "both").withDefault("both")
                    .describedAs("Transitions that produce events (low to high is rising)."),
            OptionSpec.bool("active-low").withDefault(false)
                    .describedAs("Report low as active, e.g. a button to GND with the pull-up.")));

    public static GpioInputOptions parse(Map<String, ?> raw) throws InvalidOptionsException {
        OptionValues v = SCHEMA.parse(raw);
        return new GpioInputOptions(v.getInt("pin"), Pull.valueOf(v.getString("pull").toUpperCase(Locale.ROOT)),
                v.getLong("debounce"), Edges.valueOf(v.getString("edge").toUpperCase(Locale.ROOT)),
                v.getBoolean("active-low"));
    }

    @Override
    public Wiring wiring() {
        return Wiring.pins(Map.of("pin", pin));
    }
}
