package io.edgegateway.drivers.options;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declared options of one driver type, in display order. It is the single source for the web page's form
 * (enumerate {@link #specs()}), the config validator and the driver itself ({@link #parse} produces the
 * validated {@link OptionValues} a driver's typed options record is built from). Parsing rejects unknown keys
 * with a "did you mean" hint and reports every problem at once.
 */
public final class OptionSchema {
    private final String driverType;
    private final Map<String, OptionSpec> specs;

    public OptionSchema(String driverType, List<OptionSpec> specs) {
        this.driverType = driverType;
        Map<String, OptionSpec> m = new LinkedHashMap<>();
        for (OptionSpec s : specs) {
            if (m.put(s.key(), s) != null) {
                throw new IllegalArgumentException(driverType + " declares option " + s.key() + " twice");
            }
        }
        this.specs = java.util.Collections.unmodifiableMap(m);
    }

    public String driverType() {
        return driverType;
    }

    public List<OptionSpec> specs() {
        return List.copyOf(specs.values());
    }

    public OptionSpec spec(String key) {
        OptionSpec s = specs.get(key);
        if (s == null) {
            throw new IllegalArgumentException(driverType + " has no option " + key);
        }
        return s;
    }

    /** Validates {@code raw} (null means "no options given") and fills in defaults. */
    public OptionValues parse(Map<String, ?> raw) throws InvalidOptionsException {
        Map<String, ?> input = raw == null ? Map.of() : raw;
        List<OptionProblem> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : input.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!specs.containsKey(key)) {
                String hint = Suggestions.closest(key, specs.keySet()).map(k -> "; did you mean '" + k + "'?")
                        .orElse("; known options are " + specs.keySet());
                problems.add(new OptionProblem(key, "unknown option for " + driverType + hint));
            }
        }
        for (OptionSpec spec : specs.values()) {
            Object v = input.get(spec.key());
            if (v == null) {
                if (spec.required()) {
                    problems.add(new OptionProblem(spec.key(), "is required (" + spec.type().name().toLowerCase()
                            + spec.limitsText() + ")"));
                } else {
                    values.put(spec.key(), spec.defaultValue().orElseThrow());
                }
                continue;
            }
            try {
                values.put(spec.key(), spec.convert(v));
            } catch (OptionProblem p) {
                problems.add(p);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidOptionsException(driverType, problems);
        }
        return new OptionValues(this, values);
    }
}
