package io.edgegateway.drivers.seriallines;

import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverType;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionSchema;
import java.util.Map;

/** The {@code serial-lines} driver type: text lines from a serial device mapped to typed fields by a pattern. */
public final class SerialLinesDriverType implements DriverType<SerialLinesOptions> {
    public static final String NAME = SerialLinesOptions.TYPE;

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
        return "Text lines from a serial device (Arduino-style sensors) mapped to fields by a regular expression";
    }

    @Override
    public OptionSchema options() {
        return SerialLinesOptions.SCHEMA;
    }

    @Override
    public SerialLinesOptions parse(Map<String, ?> raw) throws InvalidOptionsException {
        return SerialLinesOptions.from(SerialLinesOptions.SCHEMA.parse(raw));
    }

    @Override
    public Driver create(SerialLinesOptions options, Buses buses) {
        return new SerialLinesDriver(options, buses);
    }
}
