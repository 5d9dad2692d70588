package io.edgegateway.drivers.gpio;

import io.edgegateway.drivers.BasicDriverType;

/** The {@code gpio-input} driver type: debounced digital input for buttons, PIR sensors and reed switches. */
public final class GpioInputType extends BasicDriverType<GpioInputOptions> {
    public GpioInputType() {
        super("gpio-input", "1", "Debounced digital input: button, PIR motion sensor, reed switch.",
                GpioInputOptions.SCHEMA, GpioInputOptions::parse, GpioInputDriver::new);
    }
}
