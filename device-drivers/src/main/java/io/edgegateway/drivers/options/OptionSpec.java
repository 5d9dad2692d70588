package io.edgegateway.drivers.options;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The declaration of one option key: its type, unit, default, limits and a description for humans. Built with
 * the static factories and chained {@code with...} methods (each returns a new immutable spec), e.g.
 * {@code OptionSpec.integer("period", "s").withDefault(60).withRange(1, 86_400).describedAs("...")}.
 * A spec without a default is required. {@link OptionSchema} groups the specs of one driver type.
 */
public final class OptionSpec {
    private final String key;
    private final OptionType type;
    private final String unit;
    private final Object defaultValue;
    private final Double min;
    private final Double max;
    private final List<String> choices;
    private final Pattern pattern;
    private final String description;
    private final OptionRole role;

    private OptionSpec(String key, OptionType type, String unit, Object defaultValue, Double min, Double max,
                       List<String> choices, Pattern pattern, String description, OptionRole role) {
        this.key = key;
        this.type = type;
        this.unit = unit;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.choices = choices;
        this.pattern = pattern;
        this.description = description;
        this.role = role;
    }

    public static OptionSpec integer(String key, String unit) {
        return new OptionSpec(checkKey(key), OptionType.INTEGER, unit, null, null, null, List.of(), null, "",
                OptionRole.PLAIN);
    }

    public static OptionSpec decimal(String key, String unit) {
        return new OptionSpec(checkKey(key), OptionType.DECIMAL, unit, null, null, null, List.of(), null, "",
                OptionRole.PLAIN);
    }

    public static OptionSpec bool(String key) {
        return new OptionSpec(checkKey(key), OptionType.BOOLEAN, "", null, null, null, List.of(), null, "",
                OptionRole.PLAIN);
    }

    public static OptionSpec string(String key) {
        return new OptionSpec(checkKey(key), OptionType.STRING, "", null, null, null, List.of(), null, "",
                OptionRole.PLAIN);
    }

    public static OptionSpec choice(String key, String... choices) {
        if (choices.length == 0) {
            throw new IllegalArgumentException("choice option " + key + " needs at least one choice");
        }
        return new OptionSpec(checkKey(key), OptionType.CHOICE, "", null, null, null, List.of(choices), null, "",
                OptionRole.PLAIN);
    }

    /** A BCM GPIO number on the 40-pin header (0..27), marked so the board validator checks it. */
    public static OptionSpec gpioPin(String key) {
        return integer(key, "BCM GPIO").withRange(0, 27).withRole(OptionRole.GPIO_PIN);
    }

    private static String checkKey(String key) {
        if (!key.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("option keys are lower-case kebab-case: " + key);
        }
        return key;
    }

    public OptionSpec withDefault(Object value) {
        Object normalized = switch (type) {
            case INTEGER -> ((Number) value).longValue();
            case DECIMAL -> ((Number) value).doubleValue();
            case BOOLEAN -> (Boolean) value;
            case STRING, CHOICE -> (String) value;
        };
        return new OptionSpec(key, type, unit, normalized, min, max, choices, pattern, description, role);
    }

    public OptionSpec withRange(double min, double max) {
        if (type != OptionType.INTEGER && type != OptionType.DECIMAL) {
            throw new IllegalStateException("range on non-numeric option " + key);
        }
        return new OptionSpec(key, type, unit, defaultValue, min, max, choices, pattern, description, role);
    }

    public OptionSpec withPattern(String regex) {
        return new OptionSpec(key, type, unit, defaultValue, min, max, choices, Pattern.compile(regex), description,
                role);
    }

    public OptionSpec describedAs(String text) {
        return new OptionSpec(key, type, unit, defaultValue, min, max, choices, pattern, text, role);
    }

    public OptionSpec withRole(OptionRole newRole) {
        return new OptionSpec(key, type, unit, defaultValue, min, max, choices, pattern, description, newRole);
    }

    public String key() {
        return key;
    }

    public OptionType type() {
        return type;
    }

    /** The unit shown next to the field, empty when the value has none. */
    public String unit() {
        return unit;
    }

    public Optional<Object> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public boolean required() {
        return defaultValue == null;
    }

    public Optional<Double> min() {
        return Optional.ofNullable(min);
    }

    public Optional<Double> max() {
        return Optional.ofNullable(max);
    }

    public List<String> choices() {
        return choices;
    }

    public Optional<String> pattern() {
        return Optional.ofNullable(pattern).map(Pattern::pattern);
    }

    public String description() {
        return description;
    }

    public OptionRole role() {
        return role;
    }

    /**
     * Converts a raw config value (as YAML or JSON parsing produced it) to this spec's Java type, or explains
     * why it cannot. Numbers written as strings are accepted because YAML users quote values by habit.
     */
    Object convert(Object raw) throws OptionProblem {
        Objects.requireNonNull(raw);
        return switch (type) {
            case INTEGER -> checkRange(toLong(raw));
            case DECIMAL -> checkRange(toDouble(raw));
            case BOOLEAN -> toBoolean(raw);
            case STRING -> checkPattern(raw.toString());
            case CHOICE -> checkChoice(raw.toString());
        };
    }

    private long toLong(Object raw) throws OptionProblem {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 1e15) {
            return n.longValue();
        }
        if (raw instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                // fall through to the common message
            }
        }
        throw problem("expected a whole number" + limitsText() + ", got " + quoted(raw));
    }

    private double toDouble(Object raw) throws OptionProblem {
        if (raw instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        if (raw instanceof String s) {
            try {
                double d = Double.parseDouble(s.trim());
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // fall through to the common message
            }
        }
        throw problem("expected a number" + limitsText() + ", got " + quoted(raw));
    }

    private boolean toBoolean(Object raw) throws OptionProblem {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw problem("expected true or false, got " + quoted(raw));
    }

    private <N extends Number> N checkRange(N value) throws OptionProblem {
        double v = value.doubleValue();
        if ((min != null && v < min) || (max != null && v > max)) {
            throw problem(value + " is outside the limits" + limitsText());
        }
        return value;
    }

    private String checkPattern(String s) throws OptionProblem {
        if (pattern != null && !pattern.matcher(s).matches()) {
            throw problem("value " + quoted(s) + " does not match " + pattern.pattern());
        }
        return s;
    }

    private String checkChoice(String s) throws OptionProblem {
        if (!choices.contains(s)) {
            String hint = Suggestions.closest(s, choices).map(c -> " (did you mean '" + c + "'?)").orElse("");
            throw problem("value " + quoted(s) + " is not one of " + choices + hint);
        }
        return s;
    }

    /** " of s between 1 and 86400", used so every numeric error names unit and limits. */
    String limitsText() {
        String u = unit.isEmpty() ? "" : " of " + unit;
        if (min != null && max != null) {
            return u + " between " + fmt(min) + " and " + fmt(max);
        }
        if (min != null) {
            return u + " of at least " + fmt(min);
        }
        if (max != null) {
            return u + " of at most " + fmt(max);
        }
        return u;
    }

    private String fmt(double d) {
        return type == OptionType.INTEGER || d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private OptionProblem problem(String message) {
        return new OptionProblem(key, message);
    }

    private static String quoted(Object raw) {
        String s = String.valueOf(raw);
        if (s.length() > 40) {
            s = s.substring(0, 40) + "...";
        }
        return "'" + s + "'";
    }

    @Override
    public String toString() {
        return key + ":" + type + (unit.isEmpty() ? "" : "[" + unit + "]");
    }
}
