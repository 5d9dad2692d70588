package io.edgegateway.drivers.ds18b20;

import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverType;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionSchema;
import java.util.Map;

/** The {@code ds18b20} driver type: Maxim 1-Wire thermometer read through Linux w1 sysfs. */
public final class Ds18b20Type implements DriverType<Ds18b20Options> {
    @Override
    public String name() {
        return "ds18b20";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Maxim DS18B20 1-Wire temperature sensor via the Linux w1 sysfs files.";
    }

    @Override
    public OptionSchema options() {
        return Ds18b20Options.SCHEMA;
    }

    @Override
    public Ds18b20Options parse(Map<String, ?> raw) throws InvalidOptionsException {
        return Ds18b20Options.parse(raw);
    }

    @Override
    public Driver create(Ds18b20Options options, Buses buses) {
        return new Ds18b20Driver(options, buses);
    }
}
