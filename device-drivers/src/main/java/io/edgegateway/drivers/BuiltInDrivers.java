package io.edgegateway.drivers;

import io.edgegateway.drivers.bme280.Bme280Type;
import io.edgegateway.drivers.ds18b20.Ds18b20Type;
import io.edgegateway.drivers.gpio.GpioInputType;
import io.edgegateway.drivers.wiegand.WiegandType;

/** The driver types shipped in this module, registered in one place so the gateway and tests agree on the set. */
public final class BuiltInDrivers {
    private BuiltInDrivers() {
    }

    public static DriverRegistry registry() {
        return new DriverRegistry()
                .register(new GpioInputType())
                .register(new WiegandType())
                .register(new Bme280Type())
                .register(new Ds18b20Type());
    }
}
