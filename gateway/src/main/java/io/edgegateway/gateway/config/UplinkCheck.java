package io.edgegateway.gateway.config;

import io.edgegateway.uplink.UplinkOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates the {@code uplink} section with the uplink's own parser, so {@code validate} and a live edit
 * refuse exactly what the uplink would, and reports each refusal as a config problem at the line of the
 * key it names. Unknown keys are checked first, one problem each with a "did you mean"; forwarded topics
 * must be topics of this config. The uplink's parser stops at its first error, so at most one of its
 * problems is reported per read.
 */
final class UplinkCheck {
    private final Problems problems;
    private final Map<String, Location> locations;
    private final Location section;

    UplinkCheck(Problems problems, Map<String, Location> locations, Location section) {
        this.problems = problems;
        this.locations = locations;
        this.section = section;
    }

    void check(UplinkConfig uplink, String gatewayId, List<String> topics) {
        if (!uplink.isConfigured() || !unknownKeys()) {
            return;
        }
        Map<String, String> flat;
        try {
            flat = UplinkSettings.flat(uplink, gatewayId, topics);
            UplinkOptions options = UplinkOptions.parse(flat);
            for (String t : options.topics()) {
                if (!topics.contains(t)) {
                    problems.add(at("topics"), "uplink.topics", "topic '" + t + "' is not a topic of this gateway",
                            DidYouMean.hint(t, topics) + "; leave topics out to forward every topic");
                }
            }
        } catch (IllegalArgumentException e) {
            String key = keyNamedBy(e.getMessage());
            problems.add(at(key), key.isEmpty() ? "uplink" : "uplink." + key, e.getMessage(), hint(e.getMessage()));
        }
    }

    /** Reports every key the uplink does not know; false if there was one. */
    private boolean unknownKeys() {
        Set<String> known = new TreeSet<>();
        UplinkOptions.KEYS.stream().map(UplinkOptions.Key::name).filter(k -> !k.endsWith("*")).forEach(known::add);
        boolean ok = true;
        for (String key : locations.keySet()) {
            if (known.contains(key) || key.startsWith("kafka.") || isShorthand(key) || isPrefixOfAnother(key)) {
                continue;
            }
            ok = false;
            List<String> candidates = new ArrayList<>(known);
            candidates.add(UplinkSettings.BOOTSTRAP_SHORTHAND);
            String hint = DidYouMean.closest(key, candidates).map(c -> "did you mean '" + c + "'?")
                    .orElse("known keys: " + String.join(", ", known) + "; Kafka client properties go under kafka:, "
                            + "e.g. kafka: {bootstrap.servers: kafka.example.net:9093}");
            problems.add(locations.get(key), "uplink." + key, "'" + key + "' is not an uplink setting", hint);
        }
        return ok;
    }

    private static boolean isShorthand(String key) {
        return key.equals(UplinkSettings.BOOTSTRAP_SHORTHAND) || key.equals(UplinkSettings.SASL_SHORTHAND)
                || key.startsWith(UplinkSettings.SASL_SHORTHAND + ".");
    }

    /** A mapping's own key (such as {@code offsets} of {@code offsets: {topic: x}}) is not a setting itself. */
    private boolean isPrefixOfAnother(String key) {
        return locations.keySet().stream().anyMatch(k -> k.startsWith(key + "."));
    }

    /**
     * The written key the message is about: the longest one its first word equals or lies under
     * ({@code sasl} for "sasl.password is required" when no password was written), or "" for none.
     */
    private String keyNamedBy(String message) {
        int end = 0;
        while (end < message.length() && (Character.isLetterOrDigit(message.charAt(end))
                || ".-_".indexOf(message.charAt(end)) >= 0)) {
            end++;
        }
        String word = message.substring(0, end);
        if (word.equals("kafka.bootstrap.servers") && locations.containsKey(UplinkSettings.BOOTSTRAP_SHORTHAND)) {
            return UplinkSettings.BOOTSTRAP_SHORTHAND;
        }
        return locations.keySet().stream().filter(k -> word.equals(k) || word.startsWith(k + "."))
                .max(Comparator.comparingInt(String::length)).orElse("");
    }

    private static String hint(String message) {
        if (message.startsWith("kafka.bootstrap.servers is required")) {
            return "add bootstrap-servers: kafka.example.net:9093 (or kafka: {bootstrap.servers: ...})";
        }
        return "see the uplink settings in docs/uplink.md; Kafka client properties go under kafka:";
    }

    private Location at(String key) {
        return locations.getOrDefault(key, section);
    }
}
