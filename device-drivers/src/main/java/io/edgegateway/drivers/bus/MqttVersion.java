package io.edgegateway.drivers.bus;

/** MQTT protocol level a client connects with. */
public enum MqttVersion {
    V3_1_1, V5
}
