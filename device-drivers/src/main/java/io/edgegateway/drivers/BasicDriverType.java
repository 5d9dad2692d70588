package io.edgegateway.drivers;

import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionSchema;
import java.util.Map;

/**
 * A {@link DriverType} made of its parts: name, version, description, option schema, a parser and a driver
 * factory. Every built-in type is one of these with its own constants, so a type's class says only what makes
 * it different.
 *
 * @param <O> the typed options this driver is built from
 */
public abstract class BasicDriverType<O extends DriverOptions> implements DriverType<O> {
    /** Parses raw options into typed ones; may reject them. */
    @FunctionalInterface
    protected interface Parser<O> {
        O parse(Map<String, ?> raw) throws InvalidOptionsException;
    }

    /** Builds a driver from its options and the buses it may open. */
    @FunctionalInterface
    protected interface Factory<O> {
        Driver create(O options, Buses buses);
    }

    private final String name;
    private final String version;
    private final String description;
    private final OptionSchema options;
    private final Parser<O> parser;
    private final Factory<O> factory;

    protected BasicDriverType(String name, String version, String description, OptionSchema options,
                              Parser<O> parser, Factory<O> factory) {
        this.name = name;
        this.version = version;
        this.description = description;
        this.options = options;
        this.parser = parser;
        this.factory = factory;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String version() {
        return version;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final OptionSchema options() {
        return options;
    }

    @Override
    public final O parse(Map<String, ?> raw) throws InvalidOptionsException {
        return parser.parse(raw);
    }

    @Override
    public final Driver create(O options, Buses buses) {
        return factory.create(options, buses);
    }
}
