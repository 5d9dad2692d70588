package io.edgegateway.gateway.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where every key and value was written, so each problem can name
 * its line and column. Jackson's own tree ({@code JsonNode}) drops locations, which is why the config reader
 * builds this one from the token stream instead.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {
    Location location();

    /** What kind of value this is, for messages: "a mapping", "a list", "the number 5", "nothing". */
    String describe();

    /** A key with its own location (where a misspelt key is reported) and its value. */
    record Entry(String key, Location keyLocation, YamlNode value) {
    }

    /** A block or flow mapping; keys are unique and keep their file order. */
    record Mapping(Location location, Map<String, Entry> entries) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping (key: value lines)";
        }
    }

    /** A block or flow list. */
    record Sequence(Location location, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A single value: {@code value} is a String, Integer, Long, BigInteger, Double, BigDecimal, Boolean or null
     * (an empty value or {@code ~}); {@code text} is what was written, for messages.
     */
    record Scalar(Location location, Object value, String text) implements YamlNode {
        public boolean isNull() {
            return value == null;
        }

        @Override
        public String describe() {
            if (value == null) {
                return "nothing";
            }
            String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
            if (value instanceof String) {
                return "the text '" + shown + "'";
            }
            if (value instanceof Boolean) {
                return "the boolean " + shown;
            }
            return "the number " + shown;
        }
    }
}
