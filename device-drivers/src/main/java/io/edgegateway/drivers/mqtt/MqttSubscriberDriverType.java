package io.edgegateway.drivers.mqtt;

import io.edgegateway.drivers.BasicDriverType;
import io.edgegateway.drivers.bus.Buses;
import io.edgegateway.drivers.bus.MqttClientFactory;
import io.edgegateway.drivers.bus.paho.PahoMqttClientFactory;
import java.util.Objects;

/**
 * The {@code mqtt-subscriber} device type: JSON readings from a local broker (Tasmota, Zigbee2MQTT, anything
 * publishing JSON objects) mapped to events by JSON pointers. MQTT clients come from the
 * {@link MqttClientFactory} given here, Eclipse Paho unless a test passes another, because {@link Buses} has
 * no MQTT entry.
 */
public final class MqttSubscriberDriverType extends BasicDriverType<MqttSubscriberOptions> {
    public MqttSubscriberDriverType() {
        this(new PahoMqttClientFactory());
    }

    public MqttSubscriberDriverType(MqttClientFactory clients) {
        super("mqtt-subscriber", "1",
                "MQTT subscriber: JSON payloads of a local broker (Tasmota, Zigbee2MQTT) mapped to events",
                MqttSubscriberOptions.SCHEMA,
                raw -> MqttSubscriberOptions.from(MqttSubscriberOptions.SCHEMA.parse(raw)),
                factory(Objects.requireNonNull(clients)));
    }

    private static Factory<MqttSubscriberOptions> factory(MqttClientFactory clients) {
        return (options, buses) -> new MqttSubscriberDriver(options, clients);
    }
}
