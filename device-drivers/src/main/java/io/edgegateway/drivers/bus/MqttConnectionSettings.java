package io.edgegateway.drivers.bus;

import java.util.Objects;

/**
 * How to reach one MQTT broker: server URI ({@code tcp://127.0.0.1:1883}), client id, protocol level, and
 * whether the broker should keep the session while the client is away. With {@code persistentSession} the
 * client connects with clean session/clean start off (and, on v5, a session expiry interval), so the broker
 * keeps its subscriptions and queues QoS 1/2 messages during an outage, which requires a client id that stays
 * the same across restarts. Reconnect delays double from {@code reconnectMinMillis} up to
 * {@code reconnectMaxMillis}. An empty username means anonymous.
 */
public record MqttConnectionSettings(String serverUri, String clientId, MqttVersion version,
                                     boolean persistentSession, long sessionExpirySeconds, int keepAliveSeconds,
                                     int connectTimeoutSeconds, String username, String password,
                                     long reconnectMinMillis, long reconnectMaxMillis) {
    public MqttConnectionSettings {
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(version, "version");
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("an MQTT client id is required (a persistent session is keyed by it)");
        }
        if (reconnectMinMillis <= 0 || reconnectMaxMillis < reconnectMinMillis) {
            throw new IllegalArgumentException("bad reconnect delays " + reconnectMinMillis + ".." + reconnectMaxMillis);
        }
    }

    /** Defaults for a broker on this machine: persistent session of one hour, 30 s keep-alive, 0.5 to 30 s. */
    public static MqttConnectionSettings local(String serverUri, String clientId, MqttVersion version) {
        return new MqttConnectionSettings(serverUri, clientId, version, true, 3_600, 30, 5, "", "", 500, 30_000);
    }

    @Override
    public String toString() {
        // never print the password
        return "MqttConnectionSettings{" + serverUri + ", client " + clientId + ", " + version
                + (persistentSession ? ", persistent session " + sessionExpirySeconds + " s" : ", clean session")
                + (username.isEmpty() ? "" : ", user " + username) + "}";
    }
}
