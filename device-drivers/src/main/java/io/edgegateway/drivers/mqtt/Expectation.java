package io.edgegateway.drivers.mqtt;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A payload value that must be present and equal to a text before the fields are trusted, written
 * {@code /TempUnit=C}. It guards units the publisher may change: Tasmota reports Fahrenheit after
 * {@code SetOption8 1}, and a {@code temperature_c} field would then silently carry °F.
 */
public record Expectation(JsonPointer pointer, String expected) {
    static List<Expectation> parseList(String text) {
        List<Expectation> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        for (String entry : text.split(",", -1)) {
            int eq = entry.indexOf('=');
            if (eq < 0 || !entry.trim().startsWith("/")) {
                throw new IllegalArgumentException("entry '" + entry.trim() + "' is not /json/pointer=value");
            }
            out.add(new Expectation(FieldMapping.pointer(entry.substring(0, eq).trim()),
                    entry.substring(eq + 1).trim()));
        }
        return List.copyOf(out);
    }

    boolean holds(JsonNode payload) {
        JsonNode n = payload.at(pointer);
        return n.isValueNode() && n.asText().equals(expected);
    }
}
