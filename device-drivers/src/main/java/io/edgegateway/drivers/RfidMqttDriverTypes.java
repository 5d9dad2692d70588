package io.edgegateway.drivers;

import io.edgegateway.drivers.bus.MqttClientFactory;
import io.edgegateway.drivers.bus.paho.PahoMqttClientFactory;
import io.edgegateway.drivers.mfrc522.Mfrc522DriverType;
import io.edgegateway.drivers.mqtt.MqttSubscriberDriverType;
import java.util.List;

/**
 * The {@code mfrc522} and {@code mqtt-subscriber} device types, for registration in a {@link DriverRegistry}.
 * The MQTT type needs an MQTT client factory because {@link io.edgegateway.drivers.bus.Buses} has none; the
 * gateway uses Eclipse Paho, tests may pass their own.
 */
public final class RfidMqttDriverTypes {
    private RfidMqttDriverTypes() {
    }

    /** Both types, MQTT through Eclipse Paho. */
    public static List<DriverType<?>> all() {
        return all(new PahoMqttClientFactory());
    }

    public static List<DriverType<?>> all(MqttClientFactory mqttClients) {
        return List.of(new Mfrc522DriverType(), new MqttSubscriberDriverType(mqttClients));
    }

    /** Registers both types; returns the registry for chaining. */
    public static DriverRegistry registerAll(DriverRegistry registry) {
        all().forEach(registry::register);
        return registry;
    }
}
