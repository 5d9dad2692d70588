package io.edgegateway.gateway;

import io.edgegateway.drivers.DriverRegistry;
import io.edgegateway.drivers.bme280.Bme280Type;

/** The driver types this build of the gateway ships; config files may name exactly these. */
final class BuiltInDrivers {
    private BuiltInDrivers() {
    }

    static DriverRegistry registry() {
        return new DriverRegistry().register(new Bme280Type());
    }
}
