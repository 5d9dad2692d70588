package io.edgegateway.drivers.mqtt;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One event field taken from the payload: its name (carrying the unit, {@code temperature_c}), the JSON pointer
 * (RFC 6901) that finds the value, and whether the field may be absent. Written in config as a comma-separated
 * list of {@code name=pointer}, with {@code name?=pointer} for optional fields, e.g.
 * {@code temperature_c=/BME280/Temperature, battery_pct?=/battery}.
 */
public record FieldMapping(String name, JsonPointer pointer, boolean optional) {
    private static final Pattern ENTRY = Pattern.compile("\\s*([a-z][a-z0-9_]*)(\\??)\\s*=\\s*(/[^,]*?)\\s*");

    /** Parses the {@code fields} option; the exception message says which entry is wrong and how. */
    static List<FieldMapping> parseList(String text) {
        List<FieldMapping> out = new ArrayList<>();
        for (String entry : text.split(",", -1)) {
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("entry '" + entry.trim()
                        + "' is not name=/json/pointer (name in lower case with its unit, e.g. temperature_c)");
            }
            String name = m.group(1);
            if (name.equals("topic") || name.equals("sensor_id")
                    || out.stream().anyMatch(f -> f.name().equals(name))) {
                throw new IllegalArgumentException("field name '" + name + "' is used twice or reserved");
            }
            out.add(new FieldMapping(name, pointer(m.group(3)), !m.group(2).isEmpty()));
        }
        return List.copyOf(out);
    }

    static JsonPointer pointer(String text) {
        try {
            return JsonPointer.compile(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a JSON pointer: " + e.getMessage(), e);
        }
    }
}
