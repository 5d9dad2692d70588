package io.edgegateway.drivers.ds18b20;

import io.edgegateway.drivers.DriverOptions;
import io.edgegateway.drivers.Wiring;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionSchema;
import io.edgegateway.drivers.options.OptionSpec;
import io.edgegateway.drivers.options.OptionValues;
import java.util.List;
import java.util.Map;

/**
 * Options of a {@code ds18b20} device. {@code sensor-id} is the sysfs folder name ({@code 28-} and the
 * 48-bit serial); {@code auto} takes the only DS18B20 on the bus and refuses to guess when there are several.
 */
public record Ds18b20Options(String sensorId, long periodSeconds) implements DriverOptions {
    public static final String AUTO = "auto";

    public static final OptionSchema SCHEMA = new OptionSchema("ds18b20", List.of(
            OptionSpec.string("sensor-id").withDefault(AUTO).withPattern("auto|28-[0-9a-f]{12}")
                    .describedAs("Sensor folder name under the 1-Wire bus, e.g. 28-0000075f1b2c, or auto."),
            OptionSpec.integer("period", "s").withDefault(30).withRange(1, 86_400)
                    .describedAs("Time between readings; one 12-bit conversion takes 750 ms.")));

    public static Ds18b20Options parse(Map<String, ?> raw) throws InvalidOptionsException {
        OptionValues v = SCHEMA.parse(raw);
        return new Ds18b20Options(v.getString("sensor-id"), v.getLong("period"));
    }

    @Override
    public Wiring wiring() {
        return Wiring.bus("w1");
    }
}
