package io.edgegateway.gateway.config;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads one mapping of the config (the file itself, {@code web}, one topic, one device) key by key. Every
 * accessor records a problem with the value's location and a fix hint when the value is wrong, and then
 * returns the default, so reading goes on and the user sees every problem at once. {@link #allowOnly} turns
 * unknown keys into problems with a "did you mean".
 */
final class Section {
    private final YamlNode.Mapping map;
    private final String path;
    private final Location where;
    private final Problems problems;

    private Section(YamlNode.Mapping map, String path, Location where, Problems problems) {
        this.map = map;
        this.path = path;
        this.where = where;
        this.problems = problems;
    }

    /**
     * The mapping at {@code node} as a section; an empty value ({@code web:} with nothing after it) is an empty
     * section, anything else a problem (and then empty, so defaults apply and reading continues).
     */
    static Section of(YamlNode node, String path, Location keyLocation, Problems problems, String example) {
        if (node instanceof YamlNode.Mapping m) {
            return new Section(m, path, keyLocation, problems);
        }
        if (!(node instanceof YamlNode.Scalar s && s.isNull())) {
            problems.add(node.location(), path, "expected a mapping of settings, found " + node.describe(),
                    "write indented key: value lines, e.g. " + example);
        }
        return new Section(new YamlNode.Mapping(node.location(), Map.of()), path, keyLocation, problems);
    }

    String path() {
        return path;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Location location() {
        return where;
    }

    Map<String, YamlNode.Entry> entries() {
        return map.entries();
    }

    void allowOnly(List<String> keys) {
        for (YamlNode.Entry e : map.entries().values()) {
            if (!keys.contains(e.key())) {
                problems.add(e.keyLocation(), path(e.key()), "unknown setting '" + e.key() + "'"
                        + (path.isEmpty() ? "" : " in " + path), DidYouMean.hint(e.key(), keys));
            }
        }
    }

    Optional<YamlNode.Entry> entry(String key) {
        YamlNode.Entry e = map.entries().get(key);
        return e == null || e.value() instanceof YamlNode.Scalar s && s.isNull() ? Optional.empty() : Optional.of(e);
    }

    /** A text value; when absent, a problem if {@code requiredHint} is given, else empty. */
    Optional<String> text(String key, String requiredHint) {
        Optional<YamlNode.Entry> e = entry(key);
        if (e.isEmpty()) {
            if (requiredHint != null) {
                problems.add(map.entries().containsKey(key) ? map.entries().get(key).keyLocation() : where, path(key),
                        "is required", requiredHint);
            }
            return Optional.empty();
        }
        YamlNode v = e.get().value();
        if (v instanceof YamlNode.Scalar s && (s.value() instanceof String || s.value() instanceof Number)) {
            return Optional.of(s.text());
        }
        problems.add(v.location(), path(key), "expected a text value, found " + v.describe(),
                requiredHint == null ? "write a single value on the same line as the key" : requiredHint);
        return Optional.empty();
    }

    /** A whole number within {@code [min, max]}. */
    long integer(String key, long min, long max, long defaultValue, String unit) {
        Optional<YamlNode.Entry> e = entry(key);
        if (e.isEmpty()) {
            return defaultValue;
        }
        YamlNode v = e.get().value();
        String limits = (unit.isEmpty() ? "" : " " + unit) + " between " + min + " and " + max;
        if (v instanceof YamlNode.Scalar s && (s.value() instanceof Integer || s.value() instanceof Long
                || s.value() instanceof BigInteger)) {
            BigInteger n = new BigInteger(s.value().toString());
            if (n.compareTo(BigInteger.valueOf(min)) >= 0 && n.compareTo(BigInteger.valueOf(max)) <= 0) {
                return n.longValue();
            }
            problems.add(v.location(), path(key), s.text() + " is out of range", "use a whole number" + limits);
            return defaultValue;
        }
        problems.add(v.location(), path(key), "expected a whole number, found " + v.describe(),
                "use a whole number" + limits + " (default " + defaultValue + ")");
        return defaultValue;
    }

    /** A duration in ms; {@code foreverWord} (if not null) is accepted and read as -1. */
    long duration(String key, long defaultValue, long minMillis, String foreverWord) {
        Optional<YamlNode.Entry> e = entry(key);
        if (e.isEmpty()) {
            return defaultValue;
        }
        YamlNode v = e.get().value();
        String forms = Quantities.DURATION_FORMS + (foreverWord == null ? "" : ", or " + foreverWord);
        if (v instanceof YamlNode.Scalar s && s.value() != null) {
            if (foreverWord != null && s.text().strip().equals(foreverWord)) {
                return -1;
            }
            if (s.value() instanceof Number) {
                problems.add(v.location(), path(key), "the number " + s.text() + " has no unit",
                        "write " + s.text() + "s for seconds or " + s.text() + "ms for milliseconds");
                return defaultValue;
            }
            OptionalLong ms = Quantities.durationMillis(s.text());
            if (ms.isPresent() && ms.getAsLong() >= minMillis) {
                return ms.getAsLong();
            }
            if (ms.isPresent()) {
                problems.add(v.location(), path(key), s.text() + " is too short", "use at least " + minMillis + "ms");
                return defaultValue;
            }
        }
        problems.add(v.location(), path(key), "expected a duration, found " + v.describe(), "write " + forms);
        return defaultValue;
    }

    /** A size in bytes within {@code [min, max]}; {@code unlimitedWord} (if not null) is read as -1. */
    long size(String key, long defaultValue, long min, long max, String unlimitedWord) {
        Optional<YamlNode.Entry> e = entry(key);
        if (e.isEmpty()) {
            return defaultValue;
        }
        YamlNode v = e.get().value();
        String forms = Quantities.SIZE_FORMS + (unlimitedWord == null ? "" : ", or " + unlimitedWord);
        if (v instanceof YamlNode.Scalar s && s.value() != null && !(s.value() instanceof Boolean)) {
            if (unlimitedWord != null && s.text().strip().equals(unlimitedWord)) {
                return -1;
            }
            OptionalLong b = Quantities.bytes(s.text());
            if (b.isPresent() && b.getAsLong() >= min && b.getAsLong() <= max) {
                return b.getAsLong();
            }
            if (b.isPresent()) {
                problems.add(v.location(), path(key), s.text() + " is out of range",
                        "use a size between " + min + " and " + max + " bytes");
                return defaultValue;
            }
        }
        problems.add(v.location(), path(key), "expected a size, found " + v.describe(), "write " + forms);
        return defaultValue;
    }

    /** One of {@code choices}, with a "did you mean" when it is not. */
    String choice(String key, List<String> choices, String defaultValue) {
        Optional<YamlNode.Entry> e = entry(key);
        if (e.isEmpty()) {
            return defaultValue;
        }
        YamlNode v = e.get().value();
        if (v instanceof YamlNode.Scalar s && s.value() instanceof String text) {
            if (choices.contains(text)) {
                return text;
            }
            problems.add(v.location(), path(key), "'" + text + "' is not one of " + String.join(", ", choices),
                    DidYouMean.hint(text, choices));
            return defaultValue;
        }
        problems.add(v.location(), path(key), "expected one of " + String.join(", ", choices) + ", found "
                + v.describe(), "write one of " + String.join(", ", choices));
        return defaultValue;
    }
}
