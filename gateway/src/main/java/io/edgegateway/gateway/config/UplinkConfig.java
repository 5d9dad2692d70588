package io.edgegateway.gateway.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code uplink} section, kept as given for the uplink module, which owns its keys and their validation.
 * Values are String, Number, Boolean, nested {@code Map}/{@code List}, or {@link Secret} where the config used
 * a secret reference, so printing the settings never shows a password. Empty means no uplink is configured.
 */
public record UplinkConfig(Map<String, Object> settings) {
    public UplinkConfig {
        settings = deepCopy(settings);
    }

    public static UplinkConfig none() {
        return new UplinkConfig(Map.of());
    }

    public boolean isConfigured() {
        return !settings.isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return (T) Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> l) {
            return (T) Collections.unmodifiableList(l.stream().map(UplinkConfig::deepCopy).toList());
        }
        return value;
    }
}
