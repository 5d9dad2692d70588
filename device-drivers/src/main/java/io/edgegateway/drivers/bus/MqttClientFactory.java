package io.edgegateway.drivers.bus;

/**
 * Makes MQTT clients. {@link Buses} has no MQTT entry, so drivers that subscribe to a broker get this factory
 * from their driver type's constructor: the gateway passes the Paho implementation, tests may pass another.
 * The returned client is not connected yet.
 */
@FunctionalInterface
public interface MqttClientFactory {
    MqttClient create(MqttConnectionSettings settings) throws BusException;
}
