package io.edgegateway.drivers.mqtt;

import io.edgegateway.drivers.Driver;
import io.edgegateway.drivers.DriverType;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.bus.MqttClientFactory;
import io.edgegateway.drivers.bus.paho.PahoMqttClientFactory;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionSchema;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code mqtt-subscriber} device type: JSON readings from a local broker (Tasmota, Zigbee2MQTT, anything
 * publishing JSON objects) mapped to events by JSON pointers. MQTT clients come from the
 * {@link MqttClientFactory} given here, Eclipse Paho unless a test passes another, because {@link Buses} has
 * no MQTT entry.
 */
public final class MqttSubscriberDriverType implements DriverType<MqttSubscriberOptions> {
    private final MqttClientFactory clients;

    public MqttSubscriberDriverType() {
        this(new PahoMqttClientFactory());
    }

    public MqttSubscriberDriverType(MqttClientFactory clients) {
        this.clients = Objects.requireNonNull(clients);
    }

    @Override
    public String name() {
        return "mqtt-subscriber";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "MQTT subscriber: JSON payloads of a local broker (Tasmota, Zigbee2MQTT) mapped to events";
    }

    @Override
    public OptionSchema options() {
        return MqttSubscriberOptions.SCHEMA;
    }

    @Override
    public MqttSubscriberOptions parse(Map<String, ?> raw) throws InvalidOptionsException {
        return MqttSubscriberOptions.from(MqttSubscriberOptions.SCHEMA.parse(raw));
    }

    @Override
    public Driver create(MqttSubscriberOptions options, Buses buses) {
        return new MqttSubscriberDriver(options, clients);
    }
}
