package io.edgegateway.gateway.config;

import io.edgegateway.drivers.options.OptionSchema;
import io.edgegateway.drivers.options.OptionSpec;
import io.edgegateway.drivers.options.OptionType;
import java.util.Optional;

/**
 * Fix hints for driver options, written from the driver's own {@link OptionSchema} so they always match
 * what the driver accepts: "period: a whole number of s from 1 to 86400 (default 60). Time between
 * measurements."
 */
final class OptionHints {
    private OptionHints() {
    }

    static String forKey(OptionSchema schema, String key) {
        Optional<OptionSpec> spec = schema.specs().stream().filter(s -> s.key().equals(key)).findFirst();
        if (spec.isEmpty()) {
            return "options of " + schema.driverType() + " are: "
                    + String.join(", ", schema.specs().stream().map(OptionSpec::key).toList());
        }
        OptionSpec s = spec.get();
        StringBuilder b = new StringBuilder(key).append(": ").append(kind(s));
        s.defaultValue().ifPresent(d -> b.append(" (default ").append(d).append(')'));
        if (!s.description().isEmpty()) {
            b.append(". ").append(s.description());
        }
        return b.toString();
    }

    private static String kind(OptionSpec s) {
        String unit = s.unit().isEmpty() ? "" : " of " + s.unit();
        String range = "";
        if (s.min().isPresent() && s.max().isPresent()) {
            range = " from " + number(s, s.min().get()) + " to " + number(s, s.max().get());
        } else if (s.min().isPresent()) {
            range = " of at least " + number(s, s.min().get());
        } else if (s.max().isPresent()) {
            range = " of at most " + number(s, s.max().get());
        }
        return switch (s.type()) {
            case INTEGER -> "a whole number" + unit + range;
            case DECIMAL -> "a number" + unit + range;
            case BOOLEAN -> "true or false";
            case STRING -> "text" + s.pattern().map(p -> " matching " + p).orElse("");
            case CHOICE -> "one of " + String.join(", ", s.choices());
        };
    }

    private static String number(OptionSpec s, double d) {
        return s.type() == OptionType.INTEGER || d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
