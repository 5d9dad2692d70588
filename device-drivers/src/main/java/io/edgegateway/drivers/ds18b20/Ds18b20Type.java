package io.edgegateway.drivers.ds18b20;

import io.edgegateway.drivers.BasicDriverType;

/** The {@code ds18b20} driver type: Maxim 1-Wire thermometer read through Linux w1 sysfs. */
public final class Ds18b20Type extends BasicDriverType<Ds18b20Options> {
    public Ds18b20Type() {
        super("ds18b20", "1", "Maxim DS18B20 1-Wire temperature sensor via the Linux w1 sysfs files.",
                Ds18b20Options.SCHEMA, Ds18b20Options::parse, Ds18b20Driver::new);
    }
}
