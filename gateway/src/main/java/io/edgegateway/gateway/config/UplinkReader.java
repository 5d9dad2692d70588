package io.edgegateway.gateway.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code uplink} section into plain Java values for the uplink module, which owns its keys. Only
 * the shape is checked here (a mapping) and secret references anywhere inside are resolved into
 * {@link Secret}s, so the file can name a password file instead of holding the password. Only
 * {@code ${env:...}} and {@code ${file:...}} are references here: the uplink's own placeholders
 * ({@code ${topic}}, {@code ${gateway}}) pass through. Where each
 * setting was written is kept by its flat key ({@code kafka.bootstrap.servers}), so the uplink's own
 * validation, run later by {@link UplinkCheck}, can point at the line.
 */
final class UplinkReader {
    private final SecretResolver secrets;
    private final Problems problems;
    private final Map<String, Location> locations = new LinkedHashMap<>();
    private Location section;

    UplinkReader(SecretResolver secrets, Problems problems) {
        this.secrets = secrets;
        this.problems = problems;
    }

    UplinkConfig read(YamlNode.Entry uplink) {
        section = uplink.keyLocation();
        if (uplink.value() instanceof YamlNode.Scalar s && s.isNull()) {
            return UplinkConfig.none();
        }
        if (!(uplink.value() instanceof YamlNode.Mapping)) {
            problems.add(uplink.value().location(), "uplink", "expected a mapping of uplink settings, found "
                    + uplink.value().describe(), "write indented key: value lines, e.g. bootstrap-servers: kafka:9092");
            return UplinkConfig.none();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) value(uplink.value(), "uplink");
        return new UplinkConfig(settings);
    }

    /** Where each setting's value was written, by flat key (nested keys joined with dots). */
    Map<String, Location> locations() {
        return locations;
    }

    /** Where the {@code uplink:} key was written. */
    Location section() {
        return section;
    }

    private Object value(YamlNode node, String path) {
        if (node instanceof YamlNode.Mapping m) {
            Map<String, Object> out = new LinkedHashMap<>();
            String flat = path.equals("uplink") ? "" : path.substring("uplink.".length()) + ".";
            m.entries().values().forEach(e -> {
                locations.put(flat + e.key(), e.value().location());
                out.put(e.key(), value(e.value(), path + "." + e.key()));
            });
            return out;
        }
        if (node instanceof YamlNode.Sequence seq) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < seq.items().size(); i++) {
                out.add(value(seq.items().get(i), path + "[" + i + "]"));
            }
            return out;
        }
        YamlNode.Scalar s = (YamlNode.Scalar) node;
        if (s.value() instanceof String text && SecretResolver.namesReference(text)) {
            return secrets.resolve(text, s.location(), path, problems);
        }
        return s.value();
    }
}
