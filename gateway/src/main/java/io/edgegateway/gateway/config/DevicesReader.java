package io.edgegateway.gateway.config;

import io.edgegateway.drivers.ConfiguredDevice;
import io.edgegateway.drivers.DriverRegistry;
import io.edgegateway.drivers.DriverType;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code devices} list: each device's id, driver type, topic and options. Options are checked by
 * the driver type's own schema (from the {@link DriverRegistry}); its problems are placed at the option's
 * line and get a hint written from the schema. Secret references in option values are resolved first, and a
 * problem about such an option never repeats its value. Across devices it refuses duplicate ids and two
 * devices on the same GPIO pin.
 */
final class DevicesReader {
    static final List<String> KEYS = List.of("id", "type", "topic", "options");
    private static final String ID_RULE = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final DriverRegistry registry;
    private final SecretResolver secrets;
    private final Problems problems;
    private final boolean checkPins;
    private final Map<String, Location> locations = new HashMap<>();

    /** @param checkPins whether to refuse two devices on one pin here; the board check does it when a board is known */
    DevicesReader(DriverRegistry registry, SecretResolver secrets, Problems problems, boolean checkPins) {
        this.registry = registry;
        this.secrets = secrets;
        this.problems = problems;
        this.checkPins = checkPins;
    }

    /** Where each valid device starts in the file, for problems found later (the board check). */
    Map<String, Location> locations() {
        return locations;
    }

    List<DeviceConfig> read(YamlNode.Entry devices, Set<String> topics) {
        if (devices.value() instanceof YamlNode.Scalar s && s.isNull()) {
            return List.of();
        }
        if (!(devices.value() instanceof YamlNode.Sequence list)) {
            problems.add(devices.value().location(), "devices", "expected a list of devices, found "
                    + devices.value().describe(), "start each device with '- id: ...' on its own line under devices:");
            return List.of();
        }
        List<DeviceConfig> out = new ArrayList<>();
        Map<String, Location> ids = new HashMap<>();
        Map<Integer, String> pins = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            String path = "devices[" + i + "]";
            YamlNode item = list.items().get(i);
            if (!(item instanceof YamlNode.Mapping)) {
                problems.add(item.location(), path, "expected a device (id, type, topic, options), found "
                        + item.describe(), "write the device as indented key: value lines after '- '");
                continue;
            }
            DeviceConfig d = device(Section.of(item, path, item.location(), problems, "id: hall"), topics, ids);
            if (d != null) {
                if (checkPins) {
                    checkPins(d, Section.of(item, path, item.location(), problems, ""), pins);
                }
                locations.put(d.id(), item.location());
                out.add(d);
            }
        }
        return out;
    }

    private DeviceConfig device(Section s, Set<String> topics, Map<String, Location> ids) {
        int before = problems.size();
        s.allowOnly(KEYS);
        String id = s.text("id", "give the device a unique id, e.g. id: hall-climate").orElse(null);
        if (id != null) {
            Location at = s.entry("id").orElseThrow().value().location();
            if (!id.matches(ID_RULE)) {
                problems.add(at, s.path("id"), "'" + id + "' is not a valid device id",
                        "use 1 to 64 of a-z A-Z 0-9 . _ -, starting with a letter or digit");
            } else if (ids.containsKey(id)) {
                problems.add(at, s.path("id"), "device id '" + id + "' is already used at line "
                        + ids.get(id).line(), "give every device its own id");
            } else {
                ids.put(id, at);
            }
        }
        DriverType<?> type = type(s);
        String topic = s.text("topic", "name the topic its events go to, one of: " + String.join(", ", topics))
                .orElse(null);
        if (topic != null && !topics.contains(topic)) {
            problems.add(s.entry("topic").orElseThrow().value().location(), s.path("topic"),
                    "topic '" + topic + "' is not configured", DidYouMean.hint(topic, topics));
        }
        Map<String, Object> options = options(s);
        if (problems.size() > before || type == null || options == null) {
            return null;
        }
        try {
            Map<String, Object> raw = new LinkedHashMap<>();
            options.forEach((k, v) -> raw.put(k, v instanceof Secret secret ? secret.reveal() : v));
            ConfiguredDevice<?> cd = registry.configure(id, type.name(), raw);
            return new DeviceConfig(id, topic, options, cd);
        } catch (InvalidOptionsException e) {
            report(s, type, options, e);
            return null;
        }
    }

    private DriverType<?> type(Section s) {
        List<String> known = registry.types().stream().map(DriverType::name).toList();
        String name = s.text("type", "name the driver type, one of: " + String.join(", ", known)).orElse(null);
        if (name == null) {
            return null;
        }
        if (!known.contains(name)) {
            problems.add(s.entry("type").orElseThrow().value().location(), s.path("type"),
                    "unknown driver type '" + name + "'", DidYouMean.hint(name, known));
            return null;
        }
        try {
            return registry.type(name);
        } catch (InvalidOptionsException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The raw options with secrets resolved; null after a problem. */
    private Map<String, Object> options(Section device) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (device.entry("options").isEmpty()) {
            return out;
        }
        Section opts = Section.of(device.entry("options").get().value(), device.path("options"),
                device.entry("options").get().keyLocation(), problems, "period: 30");
        boolean ok = true;
        for (YamlNode.Entry e : opts.entries().values()) {
            if (!(e.value() instanceof YamlNode.Scalar sc)) {
                problems.add(e.value().location(), opts.path(e.key()), "expected a single value, found "
                        + e.value().describe(), "write the value on the same line as the key");
                ok = false;
            } else if (sc.value() instanceof String text && SecretResolver.looksLikeReference(text)) {
                Secret secret = secrets.resolve(text, sc.location(), opts.path(e.key()), problems);
                ok &= secret != null;
                if (secret != null) {
                    out.put(e.key(), secret);
                }
            } else if (sc.value() != null) {
                out.put(e.key(), sc.value());
            }
        }
        return ok ? out : null;
    }

    private void report(Section device, DriverType<?> type, Map<String, Object> options, InvalidOptionsException e) {
        Section opts = device.entry("options").map(o -> Section.of(o.value(), device.path("options"), o.keyLocation(),
                new Problems(), "")).orElse(null);
        for (OptionProblem p : e.problems()) {
            YamlNode.Entry written = opts == null ? null : opts.entries().get(p.key());
            boolean known = type.options().specs().stream().anyMatch(spec -> spec.key().equals(p.key()));
            // An unknown key is wrong where the key is written; a bad value where the value is.
            Location at = written == null ? (opts == null ? device.location() : opts.location())
                    : known ? written.value().location() : written.keyLocation();
            String message = p.getMessage();
            if (options.get(p.key()) instanceof Secret secret) {
                message = "the value of " + secret + " is invalid: " + message.replace(secret.reveal(), "***");
            }
            problems.add(at, device.path("options") + "." + p.key(), message, OptionHints.forKey(type.options(), p.key()));
        }
    }

    private void checkPins(DeviceConfig d, Section s, Map<Integer, String> pins) {
        Set<Integer> own = new HashSet<>();
        Section opts = s.entry("options").map(o -> Section.of(o.value(), s.path("options"), o.keyLocation(),
                new Problems(), "")).orElse(null);
        d.device().wiring().pins().forEach((key, pin) -> {
            Location at = opts != null && opts.entries().containsKey(key) ? opts.entries().get(key).value().location()
                    : opts != null ? opts.location() : s.location();
            String path = s.path("options") + "." + key;
            if (!own.add(pin)) {
                problems.add(at, path, "GPIO " + pin + " is used twice by this device", "give each signal its own pin");
                return;
            }
            String other = pins.putIfAbsent(pin, "device '" + d.id() + "' (option '" + key + "')");
            if (other != null) {
                problems.add(at, path, "GPIO " + pin + " is already used by " + other,
                        "wire the device to a free pin or remove the other device");
            }
        });
    }
}
