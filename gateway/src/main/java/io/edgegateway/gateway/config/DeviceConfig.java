package io.edgegateway.gateway.config;

import io.edgegateway.drivers.ConfiguredDevice;
import java.util.Map;
import java.util.Objects;

/**
 * One configured device: its id (the event key), the topic its events go to, the options as written (after
 * secret resolution, for change detection) and the device bound to its driver type with typed options, ready
 * for the supervisor. Two device configs are the same when id, type, topic and options are, which is what
 * live reconfiguration compares to decide whether a device must restart.
 */
public final class DeviceConfig {
    private final String id;
    private final String topic;
    private final Map<String, Object> options;
    private final ConfiguredDevice<?> device;

    public DeviceConfig(String id, String topic, Map<String, Object> options, ConfiguredDevice<?> device) {
        this.id = id;
        this.topic = topic;
        this.options = Map.copyOf(options);
        this.device = device;
    }

    public String id() {
        return id;
    }

    public String type() {
        return device.type().name();
    }

    public String topic() {
        return topic;
    }

    public Map<String, Object> options() {
        return options;
    }

    public ConfiguredDevice<?> device() {
        return device;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceConfig d && d.id.equals(id) && d.type().equals(type()) && d.topic.equals(topic)
                && d.options.equals(options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type(), topic, options);
    }

    /** Options are left out: a device's options may hold a revealed secret. */
    @Override
    public String toString() {
        return "device " + id + " (" + type() + " -> " + topic + ")";
    }
}
