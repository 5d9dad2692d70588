package io.edgegateway.drivers.gpio;

import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverType;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionSchema;
import java.util.Map;

/** The {@code gpio-input} driver type: debounced digital input for buttons, PIR sensors and reed switches. */
public final class GpioInputType implements DriverType<GpioInputOptions> {
    @Override
    public String name() {
        return "gpio-input";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Debounced digital input: button, PIR motion sensor, reed switch.";
    }

    @Override
    public OptionSchema options() {
        return GpioInputOptions.SCHEMA;
    }

    @Override
    public GpioInputOptions parse(Map<String, ?> raw) throws InvalidOptionsException {
        return GpioInputOptions.parse(raw);
    }

    @Override
    public Driver create(GpioInputOptions options, Buses buses) {
        return new GpioInputDriver(options, buses);
    }
}
