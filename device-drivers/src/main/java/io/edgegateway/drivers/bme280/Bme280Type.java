package io.edgegateway.drivers.bme280;

import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverType;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionSchema;
import java.util.Map;

/** The {@code bme280} driver type: Bosch temperature, pressure and humidity sensor over I2C. */
public final class Bme280Type implements DriverType<Bme280Options> {
    @Override
    public String name() {
        return "bme280";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Bosch BME280 temperature, pressure and humidity sensor on I2C.";
    }

    @Override
    public OptionSchema options() {
        return Bme280Options.SCHEMA;
    }

    @Override
    public Bme280Options parse(Map<String, ?> raw) throws InvalidOptionsException {
        return Bme280Options.parse(raw);
    }

    @Override
    public Driver create(Bme280Options options, Buses buses) {
        return new Bme280Driver(options, buses);
    }
}
