package io.edgegateway.gateway.config;

import io.edgegateway.log.TopicConfig;
import io.edgegateway.uplink.UplinkOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the {@code uplink} section of gateway.yaml into the flat string map of {@link UplinkOptions#parse}.
 * Nested mappings are joined with dots, so {@code kafka: {bootstrap.servers: x}} and
 * {@code kafka.bootstrap.servers: x} mean the same; a list becomes comma-separated text
 * ({@code topics: [a, b]}); secrets are revealed here and only here. Two defaults come from the rest of the
 * file: {@code gateway.id} is the gateway's id and {@code topics} is every configured topic. Two shorthands
 * spare the common case Kafka's own property names: {@code bootstrap-servers} and
 * {@code sasl: {username, password, mechanism}}, which becomes a SASL_SSL login (SCRAM-SHA-512 unless
 * another mechanism is named). A shorthand that cannot be mapped throws {@link IllegalArgumentException}
 * naming its key, like the uplink's own checks.
 */
public final class UplinkSettings {
    static final String BOOTSTRAP_SHORTHAND = "bootstrap-servers";
    static final String SASL_SHORTHAND = "sasl";
    private static final List<String> MECHANISMS = List.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");

    private UplinkSettings() {
    }

    /** The uplink options of a validated config; empty map in, no uplink. */
    public static UplinkOptions options(GatewayConfig config) {
        return UplinkOptions.parse(flat(config.uplink(), config.gatewayId(),
                config.topics().stream().map(TopicConfig::name).toList()));
    }

    /** The flat option map, with the gateway's defaults filled in; what a live edit compares. */
    public static Map<String, String> flat(GatewayConfig config) {
        return flat(config.uplink(), config.gatewayId(), config.topics().stream().map(TopicConfig::name).toList());
    }

    static Map<String, String> flat(UplinkConfig uplink, String gatewayId, List<String> topics) {
        if (!uplink.isConfigured()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Object> settings = new LinkedHashMap<>(uplink.settings());
        Object bootstrap = settings.remove(BOOTSTRAP_SHORTHAND);
        Object sasl = settings.remove(SASL_SHORTHAND);
        flatten("", settings, out);
        if (bootstrap != null) {
            put(out, "kafka.bootstrap.servers", text(bootstrap), BOOTSTRAP_SHORTHAND);
        }
        if (sasl != null) {
            sasl(sasl, out);
        }
        out.putIfAbsent("gateway.id", gatewayId);
        out.putIfAbsent("topics", String.join(",", topics));
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
        map.forEach((k, v) -> {
            String key = prefix + k;
            if (v instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, out);
            } else {
                put(out, key, text(v), key);
            }
        });
    }

    private static void put(Map<String, String> out, String key, String value, String writtenAs) {
        if (out.containsKey(key)) {
            throw new IllegalArgumentException(writtenAs + (writtenAs.equals(key) ? " is written twice (nested and"
                    + " with dots)" : " sets " + key + ", which is also written") + " in the uplink section; keep one");
        }
        out.put(key, value);
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Secret s) {
            return s.reveal() == null ? "" : s.reveal();
        }
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof Map<?, ?> || item instanceof List<?>) {
                    throw new IllegalArgumentException("a list in the uplink section may hold only plain values");
                }
                parts.add(text(item));
            }
            return String.join(",", parts);
        }
        return v.toString();
    }

    /** {@code sasl: {username, password, mechanism}} as Kafka client properties. */
    private static void sasl(Object sasl, Map<String, String> out) {
        if (!(sasl instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("sasl must be a mapping with username and password");
        }
        for (Object k : m.keySet()) {
            if (!List.of("username", "password", "mechanism").contains(String.valueOf(k))) {
                throw new IllegalArgumentException("sasl." + k + " is not a sasl setting; use username, password"
                        + " and mechanism, or set Kafka's own properties under kafka:");
            }
        }
        String user = text(m.get("username"));
        String password = text(m.get("password"));
        if (user.isEmpty() || password.isEmpty()) {
            throw new IllegalArgumentException("sasl." + (user.isEmpty() ? "username" : "password") + " is required");
        }
        String mechanism = m.containsKey("mechanism") ? text(m.get("mechanism")).toUpperCase(Locale.ROOT)
                : MECHANISMS.get(0);
        if (!MECHANISMS.contains(mechanism)) {
            throw new IllegalArgumentException("sasl.mechanism='" + mechanism + "' must be one of " + MECHANISMS);
        }
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        put(out, "kafka.sasl.mechanism", mechanism, "sasl.mechanism");
        put(out, "kafka.sasl.jaas.config", module + " required username=\"" + jaasQuote(user) + "\" password=\""
                + jaasQuote(password) + "\";", "sasl");
        // Credentials over plain TCP would expose them; TLS unless the file says otherwise.
        out.putIfAbsent("kafka.security.protocol", "SASL_SSL");
    }

    private static String jaasQuote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
