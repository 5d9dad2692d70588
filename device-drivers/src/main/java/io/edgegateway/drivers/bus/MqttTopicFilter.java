package io.edgegateway.drivers.bus;

import java.util.Optional;

/**
 * MQTT topic filter rules (MQTT 3.1.1 §4.7, unchanged in v5): levels separated by {@code /}, {@code +} matches
 * exactly one level, {@code #} matches the rest and must be last, and a filter starting with a wildcard does
 * not match topics starting with {@code $} ({@code $SYS}). Both protocol levels share these rules, so the
 * adapters and the config validator use this one implementation.
 */
public final class MqttTopicFilter {
    private MqttTopicFilter() {
    }

    /** Empty if {@code filter} is a valid topic filter, else what is wrong with it. */
    public static Optional<String> problem(String filter) {
        if (filter == null || filter.isEmpty()) {
            return Optional.of("a topic filter must not be empty");
        }
        if (filter.indexOf('\u0000') >= 0) {
            return Optional.of("a topic filter must not contain NUL");
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return Optional.of("'#' must be a whole level and the last one");
            }
            if (level.contains("+") && !level.equals("+")) {
                return Optional.of("'+' must be a whole level");
            }
        }
        return Optional.empty();
    }

    /** Whether {@code topic} (no wildcards) matches {@code filter}. */
    public static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true; // also matches the parent level: "a/#" matches "a"
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
