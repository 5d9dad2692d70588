package io.edgegateway.drivers.seriallines;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a captured text becomes an event value. Conversions are strict: Arduino sketches print {@code nan}
 * or {@code ovf} when a sensor read fails, and such values must be rejected, not passed on as numbers.
 */
public enum FieldType {
    /** A finite decimal number such as {@code -3.25} or {@code 1e3}; {@code nan}, {@code inf} are refused. */
    DECIMAL,
    /** A whole number that fits in 64 bits. */
    INTEGER,
    /** {@code 1/0}, {@code true/false}, {@code on/off}, {@code yes/no}, {@code high/low}, any case. */
    BOOLEAN,
    /** The captured text as is. */
    STRING;

    private static final Pattern DECIMAL_TEXT = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d{1,3})?");
    private static final Pattern INTEGER_TEXT = Pattern.compile("[-+]?\\d{1,18}");

    /** The value, or null when {@code text} is not a valid value of this type. */
    Object convert(String text) {
        String t = text.trim();
        return switch (this) {
            case DECIMAL -> DECIMAL_TEXT.matcher(t).matches() ? finite(Double.parseDouble(t)) : null;
            case INTEGER -> INTEGER_TEXT.matcher(t).matches() ? Long.parseLong(t) : null;
            case BOOLEAN -> bool(t.toLowerCase(Locale.ROOT));
            case STRING -> text;
        };
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }

    private static Boolean bool(String t) {
        return switch (t) {
            case "1", "true", "on", "yes", "high" -> Boolean.TRUE;
            case "0", "false", "off", "no", "low" -> Boolean.FALSE;
            default -> null;
        };
    }
}
