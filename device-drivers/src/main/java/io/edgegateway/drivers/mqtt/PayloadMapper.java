package io.edgegateway.drivers.mqtt;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one MQTT message into an event value, or says why not: the payload must be a JSON object (duplicate
 * keys refused, at most {@link #MAX_PAYLOAD_BYTES}), every expectation must hold, every non-optional field
 * pointer must find a number, text or boolean, and the sensor id, when configured, must resolve. The value
 * holds {@code topic}, {@code sensor_id} and the mapped fields in declaration order. Pure and thread-safe.
 */
final class PayloadMapper {
    /** Tasmota and Zigbee2MQTT payloads are well under 2 KiB; anything near this is not a sensor reading. */
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    static final String TOO_LARGE = "too-large";
    static final String MALFORMED_JSON = "malformed-json";
    static final String NOT_AN_OBJECT = "not-an-object";
    static final String UNEXPECTED_VALUE = "unexpected-value";
    static final String MISSING_FIELD = "missing-field";
    static final String WRONG_TYPE = "wrong-type";
    static final String MISSING_SENSOR_ID = "missing-sensor-id";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** The outcome: a value map, or a reject reason with a detail for the log. */
    sealed interface Result {
    }

    record Mapped(Map<String, Object> value) implements Result {
    }

    record Rejected(String reason, String detail) implements Result {
    }

    private final List<FieldMapping> fields;
    private final SensorIdSource sensorId;
    private final List<Expectation> expectations;

    PayloadMapper(List<FieldMapping> fields, SensorIdSource sensorId, List<Expectation> expectations) {
        this.fields = List.copyOf(fields);
        this.sensorId = sensorId;
        this.expectations = List.copyOf(expectations);
    }

    Result map(String topic, byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return new Rejected(TOO_LARGE, topic + ": " + payload.length + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return new Rejected(MALFORMED_JSON, topic + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            return new Rejected(MALFORMED_JSON, topic + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return new Rejected(NOT_AN_OBJECT, topic + ": payload is " + (root == null || root.isMissingNode()
                    ? "empty" : root.getNodeType().toString().toLowerCase()));
        }
        for (Expectation x : expectations) {
            if (!x.holds(root)) {
                return new Rejected(UNEXPECTED_VALUE, topic + ": " + x.pointer() + " is " + root.at(x.pointer())
                        + ", expected " + x.expected());
            }
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("topic", topic);
        if (sensorId.configured()) {
            Optional<String> id = sensorId.resolve(topic, root);
            if (id.isEmpty()) {
                return new Rejected(MISSING_SENSOR_ID, topic + ": no sensor id in topic or payload");
            }
            value.put("sensor_id", id.get());
        }
        for (FieldMapping f : fields) {
            JsonNode n = root.at(f.pointer());
            if (n.isMissingNode() || n.isNull()) {
                if (f.optional()) {
                    continue;
                }
                return new Rejected(MISSING_FIELD, topic + ": nothing at " + f.pointer() + " for " + f.name());
            }
            if (n.isNumber()) {
                value.put(f.name(), n.numberValue());
            } else if (n.isTextual()) {
                value.put(f.name(), n.textValue());
            } else if (n.isBoolean()) {
                value.put(f.name(), n.booleanValue());
            } else {
                return new Rejected(WRONG_TYPE, topic + ": " + f.pointer() + " is a " + n.getNodeType()
                        .toString().toLowerCase() + ", not a number, text or boolean");
            }
        }
        return new Mapped(value);
    }
}
