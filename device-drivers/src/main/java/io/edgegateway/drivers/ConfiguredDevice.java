package io.edgegateway.drivers;

import io.edgegateway.drivers.bus.Buses;
import java.util.Objects;

/**
 * A device id bound to its driver type and parsed options: what the gateway hands to the supervisor and the
 * board validator. Created by {@link DriverRegistry#configure}, which keeps options and type matched.
 */
public final class ConfiguredDevice<O extends DriverOptions> {
    private final String deviceId;
    private final DriverType<O> type;
    private final O options;

    public ConfiguredDevice(String deviceId, DriverType<O> type, O options) {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("device id must not be blank");
        }
        this.deviceId = deviceId;
        this.type = Objects.requireNonNull(type);
        this.options = Objects.requireNonNull(options);
    }

    public String deviceId() {
        return deviceId;
    }

    public DriverType<O> type() {
        return type;
    }

    public O options() {
        return options;
    }

    public Wiring wiring() {
        return options.wiring();
    }

    Driver newDriver(Buses buses) {
        return type.create(options, buses);
    }

    @Override
    public String toString() {
        return deviceId + " (" + type.name() + ")";
    }
}
