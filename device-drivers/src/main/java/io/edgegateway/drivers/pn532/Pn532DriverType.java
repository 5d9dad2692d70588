package io.edgegateway.drivers.pn532;

import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverType;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionSchema;
import java.util.Map;

/** The {@code pn532} driver type: ISO 14443A card UIDs from an NXP PN532 over I2C or its UART (HSU). */
public final class Pn532DriverType implements DriverType<Pn532Options> {
    public static final String NAME = Pn532Options.TYPE;

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
        return "NXP PN532 NFC reader (I2C or UART): UIDs of ISO 14443A cards and tags";
    }

    @Override
    public OptionSchema options() {
        return Pn532Options.SCHEMA;
    }

    @Override
    public Pn532Options parse(Map<String, ?> raw) throws InvalidOptionsException {
        return Pn532Options.from(Pn532Options.SCHEMA.parse(raw));
    }

    @Override
    public Driver create(Pn532Options options, Buses buses) {
        return new Pn532Driver(options, buses);
    }
}
