package io.edgegateway.drivers.bme280;

import io.edgegateway.drivers.BasicDriverType;

/** The {@code bme280} driver type: Bosch temperature, pressure and humidity sensor over I2C. */
public final class Bme280Type extends BasicDriverType<Bme280Options> {
    public Bme280Type() {
        super("bme280", "1", "Bosch BME280 temperature, pressure and humidity sensor on I2C.",
                Bme280Options.SCHEMA, Bme280Options::parse, Bme280Driver::new);
    }
}
