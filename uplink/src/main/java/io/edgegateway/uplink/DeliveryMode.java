package io.edgegateway.uplink;

/**
 * The delivery promise the uplink keeps. {@link #EXACTLY_ONCE} wraps each batch and its new source positions
 * in one Kafka transaction, so a {@code read_committed} consumer sees every stored event once.
 * {@link #AT_LEAST_ONCE} is for clusters that forbid transactions: an idempotent producer, the local cursor
 * moved after the acks; a crash between ack and cursor write re-sends, and the edge offset headers
 * identify the copies.
 */
public enum DeliveryMode {
    EXACTLY_ONCE("exactly-once"),
    AT_LEAST_ONCE("at-least-once");

    private final String configName;

    DeliveryMode(String configName) {
        this.configName = configName;
    }

    /** The value used in configuration: {@code exactly-once} or {@code at-least-once}. */
    public String configName() {
        return configName;
    }

    static DeliveryMode parse(String key, String value) {
        for (DeliveryMode m : values()) {
            if (m.configName.equalsIgnoreCase(value.trim()) || m.name().equalsIgnoreCase(value.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException(key + "='" + value + "' must be exactly-once or at-least-once");
    }
}
