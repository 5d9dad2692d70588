package io.edgegateway.drivers.rdm6300;

import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverType;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionSchema;
import java.util.Map;

/** The {@code rdm6300} driver type: EM4100 125 kHz tags from an RDM6300 module on a UART. */
public final class Rdm6300DriverType implements DriverType<Rdm6300Options> {
    public static final String NAME = "rdm6300";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "RDM6300 125 kHz EM4100 tag reader on a serial port (9600 8N1)";
    }

    @Override
    public OptionSchema options() {
        return Rdm6300Options.SCHEMA;
    }

    @Override
    public Rdm6300Options parse(Map<String, ?> raw) throws InvalidOptionsException {
        return Rdm6300Options.from(Rdm6300Options.SCHEMA.parse(raw));
    }

    @Override
    public Driver create(Rdm6300Options options, Buses buses) {
        return new Rdm6300Driver(options, buses);
    }
}
