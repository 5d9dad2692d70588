package io.edgegateway.drivers.options;

import java.util.Map;

/**
 * Validated option values with defaults applied, produced only by {@link OptionSchema#parse}. A driver's
 * options record reads from it once in its factory method; no other class reads raw keys.
 */
public final class OptionValues {
    private final OptionSchema schema;
    private final Map<String, Object> values;

    OptionValues(OptionSchema schema, Map<String, Object> values) {
        this.schema = schema;
        this.values = Map.copyOf(values);
    }

    public long getLong(String key) {
        return (Long) typed(key, OptionType.INTEGER);
    }

    public int getInt(String key) {
        return Math.toIntExact(getLong(key));
    }

    public double getDouble(String key) {
        return (Double) typed(key, OptionType.DECIMAL);
    }

    public boolean getBoolean(String key) {
        return (Boolean) typed(key, OptionType.BOOLEAN);
    }

    public String getString(String key) {
        OptionSpec spec = schema.spec(key);
        if (spec.type() != OptionType.STRING && spec.type() != OptionType.CHOICE) {
            throw new IllegalArgumentException(key + " is " + spec.type());
        }
        return (String) values.get(key);
    }

    /** All values, keyed by option key, for display and change detection. */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object typed(String key, OptionType type) {
        OptionSpec spec = schema.spec(key);
        if (spec.type() != type) {
            throw new IllegalArgumentException(key + " is " + spec.type() + ", not " + type);
        }
        return values.get(key);
    }
}
