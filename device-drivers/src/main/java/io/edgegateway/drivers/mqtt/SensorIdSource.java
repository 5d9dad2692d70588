package io.edgegateway.drivers.mqtt;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the {@code sensor_id} of an event comes from when one subscription covers many sensors: a topic level
 * ({@code topic:1} is the second level, so {@code kitchen} in {@code tele/kitchen/SENSOR}), the topic from a
 * level to its end ({@code topic:1-}, for Zigbee2MQTT friendly names containing {@code /}), or a payload value
 * by JSON pointer ({@code /DS18B20/Id}). Empty text means no sensor id.
 */
public final class SensorIdSource {
    private static final Pattern TOPIC = Pattern.compile("topic:(\\d{1,3})(-?)");

    private final int level;
    private final boolean toEnd;
    private final JsonPointer pointer;

    private SensorIdSource(int level, boolean toEnd, JsonPointer pointer) {
        this.level = level;
        this.toEnd = toEnd;
        this.pointer = pointer;
    }

    static SensorIdSource parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return new SensorIdSource(-1, false, null);
        }
        Matcher m = TOPIC.matcher(t);
        if (m.matches()) {
            return new SensorIdSource(Integer.parseInt(m.group(1)), !m.group(2).isEmpty(), null);
        }
        if (t.startsWith("/")) {
            return new SensorIdSource(-1, false, FieldMapping.pointer(t));
        }
        throw new IllegalArgumentException("'" + t + "' is neither topic:N, topic:N- nor a JSON pointer like /Id");
    }

    boolean configured() {
        return level >= 0 || pointer != null;
    }

    /** The sensor id of one message, or empty when the topic is too short or the pointer finds no scalar. */
    Optional<String> resolve(String topic, JsonNode payload) {
        if (pointer != null) {
            JsonNode n = payload.at(pointer);
            return n.isValueNode() && !n.isNull() ? Optional.of(n.asText()) : Optional.empty();
        }
        String[] levels = topic.split("/", -1);
        if (level >= levels.length || levels[level].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(toEnd ? String.join("/", java.util.Arrays.copyOfRange(levels, level, levels.length))
                : levels[level]);
    }
}
