package io.edgegateway.drivers.bus.paho;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Restores the DUP flag that Paho's MQTT 5 client loses: in Paho 1.2.5, {@code MqttPublish.getMessage()} builds
 * a fresh message from payload, QoS, retain flag and properties, so {@code MqttMessage.isDuplicate()} is
 * always false on arriving v5 messages. A redelivery reuses its original packet identifier (MQTT 5 §4.4), and
 * brokers hand out packet identifiers in turn, so the same identifier with the same topic and payload among the
 * last {@link #CAPACITY} QoS 1/2 messages can only be a redelivery. Thread-safe.
 */
final class RedeliveryTracker {
    /** Far below the 65535 identifiers a broker cycles through before it reuses one for another message. */
    static final int CAPACITY = 4_096;

    private final Map<String, Boolean> recent = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Records a message; true when the same packet id, topic and payload arrived before. */
    synchronized boolean seenBefore(int packetId, int qos, String topic, byte[] payload) {
        if (qos == 0 || packetId == 0) {
            return false; // QoS 0 has no packet identifier and is never redelivered
        }
        String key = packetId + " " + topic + " " + Arrays.toString(sha256(payload));
        return recent.put(key, Boolean.TRUE) != null;
    }

    private static byte[] sha256(byte[] payload) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(payload);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
