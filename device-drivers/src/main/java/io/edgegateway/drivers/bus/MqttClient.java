package io.edgegateway.drivers.bus;

/**
 * A connection to a local MQTT broker (Tasmota, Zigbee2MQTT) speaking {@link MqttVersion#V3_1_1} or
 * {@link MqttVersion#V5}. Subscriptions survive reconnects: the implementation resubscribes (or resumes the
 * session) after the connection comes back. Thread-safe.
 */
public interface MqttClient extends AutoCloseable {
    MqttVersion version();

    void connect() throws BusException;

    void disconnect();

    boolean isConnected();

    /** Subscribes {@code topicFilter} (wildcards allowed) at {@code qos} 0..2. */
    void subscribe(String topicFilter, int qos, MqttMessageListener listener) throws BusException;

    @Override
    void close();
}
