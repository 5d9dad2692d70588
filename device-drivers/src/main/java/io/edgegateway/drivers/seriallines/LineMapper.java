package io.edgegateway.drivers.seriallines;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps one text line to event fields with a regular expression whose named groups are the fields. The whole
 * line must match (a partial match on a garbled line would pick numbers out of noise). A group that did not
 * participate in the match (an optional part) is left out of the event; a group whose text does not convert
 * to its declared type rejects the whole line, so an event is never half made of bad values.
 */
public final class LineMapper {
    private final Pattern pattern;
    private final List<FieldSpec> fields;

    /** Thrown for a line that cannot be mapped; carries the reject reason. */
    static final class Unmapped extends Exception {
        final String reason;

        Unmapped(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    public LineMapper(Pattern pattern, List<FieldSpec> fields) {
        this.pattern = pattern;
        this.fields = List.copyOf(fields);
    }

    Map<String, Object> map(String line) throws Unmapped {
        Matcher m = pattern.matcher(line);
        if (!m.matches()) {
            throw new Unmapped(SerialLinesDecoder.NO_MATCH, "line does not match: " + preview(line));
        }
        Map<String, Object> value = new LinkedHashMap<>();
        for (FieldSpec f : fields) {
            String text = m.group(f.group());
            if (text == null) {
                continue;
            }
            Object v = f.type().convert(text);
            if (v == null) {
                throw new Unmapped(SerialLinesDecoder.BAD_VALUE, f.group() + " '" + preview(text) + "' is not "
                        + f.type().name().toLowerCase(java.util.Locale.ROOT) + " in " + preview(line));
            }
            value.put(f.eventKey(), v);
        }
        return value;
    }

    private static String preview(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
