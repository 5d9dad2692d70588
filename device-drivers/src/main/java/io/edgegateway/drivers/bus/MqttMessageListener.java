package io.edgegateway.drivers.bus;

/**
 * Receives messages of one subscription on the client's callback thread. {@code duplicate} is the broker's
 * DUP flag (a QoS 1 redelivery), which drivers use to avoid emitting the same reading twice.
 */
@FunctionalInterface
public interface MqttMessageListener {
    void onMessage(String topic, byte[] payload, int qos, boolean retained, boolean duplicate);
}
