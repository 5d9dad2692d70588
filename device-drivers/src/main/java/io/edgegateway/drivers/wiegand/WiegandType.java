package io.edgegateway.drivers.wiegand;

import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverType;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionSchema;
import java.util.Map;

/** The {@code wiegand} driver type: 26/34/37-bit access card readers on two GPIO lines. */
public final class WiegandType implements DriverType<WiegandOptions> {
    @Override
    public String name() {
        return "wiegand";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Wiegand 26/34/37-bit card reader on two GPIO inputs (DATA0, DATA1).";
    }

    @Override
    public OptionSchema options() {
        return WiegandOptions.SCHEMA;
    }

    @Override
    public WiegandOptions parse(Map<String, ?> raw) throws InvalidOptionsException {
        return WiegandOptions.parse(raw);
    }

    @Override
    public Driver create(WiegandOptions options, Buses buses) {
        return new WiegandDriver(options, buses);
    }
}
