package io.edgegateway.drivers.bus.paho;

import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.MqttClient;
import io.edgegateway.drivers.bus.MqttClientFactory;
import io.edgegateway.drivers.bus.MqttConnectionSettings;

/**
 * The real MQTT adapter: Eclipse Paho's v3 client for MQTT 3.1.1 and its v5 client for MQTT 5, chosen by
 * {@link MqttConnectionSettings#version()}. Both reconnect on their own with doubling delays and resume a
 * persistent session (see {@code PahoSession}). Stateless; one instance serves the whole gateway.
 */
public final class PahoMqttClientFactory implements MqttClientFactory {
    @Override
    public MqttClient create(MqttConnectionSettings settings) throws BusException {
        return switch (settings.version()) {
            case V3_1_1 -> new PahoV3Client(settings);
            case V5 -> new PahoV5Client(settings);
        };
    }
}
