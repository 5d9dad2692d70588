package io.edgegateway.drivers;

import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps type names from config ({@code type: bme280}) to {@link DriverType}s. The gateway registers the
 * built-in types at start; lookups are by exact name, and an unknown name is refused with the known names.
 * Not thread-safe for registration; register everything before sharing it.
 */
public final class DriverRegistry {
    private final Map<String, DriverType<?>> types = new TreeMap<>();

    public DriverRegistry register(DriverType<?> type) {
        if (types.putIfAbsent(type.name(), type) != null) {
            throw new IllegalArgumentException("driver type registered twice: " + type.name());
        }
        return this;
    }

    public Collection<DriverType<?>> types() {
        return List.copyOf(types.values());
    }

    public DriverType<?> type(String name) throws InvalidOptionsException {
        DriverType<?> t = types.get(name);
        if (t == null) {
            throw new InvalidOptionsException(String.valueOf(name), List.of(new OptionProblem("type",
                    "unknown driver type '" + name + "'; known types are " + new ArrayList<>(types.keySet()))));
        }
        return t;
    }

    /** Looks up the type and parses the options in one step. */
    public ConfiguredDevice<?> configure(String deviceId, String typeName, Map<String, ?> rawOptions)
            throws InvalidOptionsException {
        return bind(deviceId, type(typeName), rawOptions);
    }

    private static <O extends DriverOptions> ConfiguredDevice<O> bind(String deviceId, DriverType<O> type,
                                                                      Map<String, ?> raw)
            throws InvalidOptionsException {
        return new ConfiguredDevice<>(deviceId, type, type.parse(raw));
    }
}
