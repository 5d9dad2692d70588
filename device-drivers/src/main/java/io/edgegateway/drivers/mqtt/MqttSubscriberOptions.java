package io.edgegateway.drivers.mqtt;

import io.edgegateway.drivers.DriverOptions;
import io.edgegateway.drivers.Wiring;
import io.edgegateway.drivers.bus.MqttConnectionSettings;
import io.edgegateway.drivers.bus.MqttTopicFilter;
import io.edgegateway.drivers.bus.MqttVersion;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionProblem;
import io.edgegateway.drivers.options.OptionSchema;
import io.edgegateway.drivers.options.OptionSpec;
import io.edgegateway.drivers.options.OptionValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed options of an {@code mqtt-subscriber} device: the broker and session, one topic filter, and how its
 * JSON payloads become event fields. One device is one topic filter with one mapping; a gateway reading
 * Tasmota and Zigbee2MQTT sensors configures two devices.
 */
public record MqttSubscriberOptions(String broker, MqttVersion protocol, String clientId, String topic, int qos,
                                    List<FieldMapping> fields, SensorIdSource sensorId,
                                    List<Expectation> expectations, boolean retained, boolean persistentSession,
                                    long sessionExpirySeconds, int keepAliveSeconds, int connectTimeoutSeconds,
                                    long dedupWindowMs, long offlineGraceSeconds, String username, String password)
        implements DriverOptions {

    private static final Map<String, MqttVersion> PROTOCOLS = Map.of("v5", MqttVersion.V5, "v3.1.1",
            MqttVersion.V3_1_1);

    static final OptionSchema SCHEMA = new OptionSchema("mqtt-subscriber", List.of(
            OptionSpec.string("broker").withDefault("tcp://127.0.0.1:1883")
                    .withPattern("(tcp|ssl)://[^\\s/]+:\\d{1,5}")
                    .describedAs("Broker address, tcp://host:port (ssl:// for TLS)"),
            OptionSpec.choice("protocol", "v5", "v3.1.1").withDefault("v5")
                    .describedAs("MQTT protocol level; v3.1.1 for brokers that lack MQTT 5"),
            OptionSpec.string("client-id").withDefault("").withPattern("[A-Za-z0-9._-]{0,64}")
                    .describedAs("Client id; empty means edge-gateway-<device id>. Must stay the same for the "
                            + "broker to keep the session"),
            OptionSpec.string("topic").describedAs(
                    "Topic filter, e.g. tele/+/SENSOR (Tasmota) or zigbee2mqtt/+ (Zigbee2MQTT devices)"),
            OptionSpec.integer("qos", "").withDefault(1).withRange(0, 2)
                    .describedAs("Subscription QoS; 1 keeps messages queued at the broker while disconnected"),
            OptionSpec.string("fields").describedAs("Event fields as name=/json/pointer, comma-separated; the "
                    + "name carries the unit (temperature_c); name?= marks a field that may be missing"),
            OptionSpec.string("sensor-id").withDefault("")
                    .describedAs("Source of sensor_id: topic:N (level N, from 0), topic:N- (level N to the end) "
                            + "or a JSON pointer like /Id; empty for none"),
            OptionSpec.string("expect").withDefault("")
                    .describedAs("Values that must hold before fields are trusted, /pointer=value, comma-separated, "
                            + "e.g. /TempUnit=C"),
            OptionSpec.bool("retained").withDefault(false)
                    .describedAs("Also turn retained messages (the broker's stored last value, possibly old) "
                            + "into events"),
            OptionSpec.bool("persistent-session").withDefault(true)
                    .describedAs("Ask the broker to keep subscriptions and queue QoS 1 messages while we are away"),
            OptionSpec.integer("session-expiry", "s").withDefault(3_600).withRange(0, 4_294_967_295L)
                    .describedAs("MQTT 5: how long the broker keeps the session after a disconnect"),
            OptionSpec.integer("keep-alive", "s").withDefault(30).withRange(5, 3_600)
                    .describedAs("Ping interval that detects a dead connection"),
            OptionSpec.integer("connect-timeout", "s").withDefault(5).withRange(1, 30)
                    .describedAs("How long a connect or subscribe may take"),
            OptionSpec.integer("dedup-window", "ms").withDefault(60_000).withRange(0, 3_600_000)
                    .describedAs("How long a delivered message is remembered to recognize its QoS 1 redelivery"),
            OptionSpec.integer("offline-grace", "s").withDefault(60).withRange(1, 86_400)
                    .describedAs("How long reconnecting may take before the device is reported as failed"),
            OptionSpec.string("username").withDefault("").describedAs("Broker user; empty for anonymous"),
            OptionSpec.string("password").withDefault("").describedAs("Broker password")));

    public MqttSubscriberOptions {
        fields = List.copyOf(fields);
        expectations = List.copyOf(expectations);
    }

    static MqttSubscriberOptions from(OptionValues v) throws InvalidOptionsException {
        List<OptionProblem> problems = new ArrayList<>();
        String topic = v.getString("topic");
        MqttTopicFilter.problem(topic).ifPresent(p -> problems.add(new OptionProblem("topic", p)));
        List<FieldMapping> fields = List.of();
        try {
            fields = FieldMapping.parseList(v.getString("fields"));
        } catch (IllegalArgumentException e) {
            problems.add(new OptionProblem("fields", e.getMessage()));
        }
        SensorIdSource sensorId = null;
        try {
            sensorId = SensorIdSource.parse(v.getString("sensor-id"));
        } catch (IllegalArgumentException e) {
            problems.add(new OptionProblem("sensor-id", e.getMessage()));
        }
        List<Expectation> expectations = List.of();
        try {
            expectations = Expectation.parseList(v.getString("expect"));
        } catch (IllegalArgumentException e) {
            problems.add(new OptionProblem("expect", e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidOptionsException(SCHEMA.driverType(), problems);
        }
        return new MqttSubscriberOptions(v.getString("broker"), PROTOCOLS.get(v.getString("protocol")),
                v.getString("client-id"), topic, v.getInt("qos"), fields, sensorId, expectations,
                v.getBoolean("retained"), v.getBoolean("persistent-session"), v.getLong("session-expiry"),
                v.getInt("keep-alive"), v.getInt("connect-timeout"), v.getLong("dedup-window"),
                v.getLong("offline-grace"), v.getString("username"), v.getString("password"));
    }

    MqttConnectionSettings connection(String deviceId) {
        String id = clientId.isEmpty() ? "edge-gateway-" + deviceId : clientId;
        return new MqttConnectionSettings(broker, id, protocol, persistentSession, sessionExpirySeconds,
                keepAliveSeconds, connectTimeoutSeconds, username, password, 500, 30_000);
    }

    /** A broker is reached over the network: no pins, no board bus. */
    @Override
    public Wiring wiring() {
        return new Wiring(Map.of(), List.of());
    }

    @Override
    public String toString() {
        return "MqttSubscriberOptions{" + broker + " " + protocol + " topic " + topic + " qos " + qos + " fields "
                + fields.size() + (username.isEmpty() ? "" : " user " + username) + "}";
    }
}
