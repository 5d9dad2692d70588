package io.edgegateway.drivers;

import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionSchema;
import java.util.Map;

/**
 * A kind of device the gateway can drive ({@code bme280}, {@code wiegand}): its name as written in config,
 * the declaration of its options, and a factory for driver instances. Stateless and shared; registered in a
 * {@link DriverRegistry}.
 *
 * @param <O> the typed options this driver is built from
 */
public interface DriverType<O extends DriverOptions> {
    /** The type name used in config and the {@code device-type} header, kebab-case. */
    String name();

    /** Bumped when decoding changes in a way a consumer may need to know; goes into the {@code driver} header. */
    String version();

    /** One sentence for the web page's device picker. */
    String description();

    /** The option declaration: drives forms, validation and {@link #parse}. */
    OptionSchema options();

    /** Parses and validates raw options; every problem names the key (and unit and limits for numbers). */
    O parse(Map<String, ?> raw) throws InvalidOptionsException;

    /** A fresh driver instance; opens nothing until {@link Driver#start}. */
    Driver create(O options, Buses buses);
}
