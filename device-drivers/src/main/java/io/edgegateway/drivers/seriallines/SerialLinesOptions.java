package io.edgegateway.drivers.seriallines;

import io.edgegateway.drivers.DriverOptions;
import io.edgegateway.drivers.SerialPortWiring;
import io.edgegateway.drivers.Wiring;
import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.options.OptionProblem;
import io.edgegateway.drivers.options.OptionSchema;
import io.edgegateway.drivers.options.OptionSpec;
import io.edgegateway.drivers.options.OptionValues;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Options of a {@code serial-lines} device: the port, how lines end, the regular expression whose named
 * groups become fields, and the type and unit of each field, written as {@code name:type[:unit]} items
 * separated by commas ({@code temperature:decimal:c, humidity:decimal:pct, door:boolean}). Groups without an
 * item are strings. Beyond the per-key checks of the schema, {@link #from} checks that the pattern compiles,
 * has named groups, and that every item names one of them, reporting all problems at once.
 *
 * @param delimiter the line end byte, {@code '\n'} or {@code '\r'}
 */
public record SerialLinesOptions(String port, int baud, int delimiter, Pattern pattern, List<FieldSpec> fields,
                                 int maxLineLength, long silenceTimeoutMs, long pollIntervalMs)
        implements DriverOptions {
    static final String TYPE = "serial-lines";
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final Pattern ITEM = Pattern.compile("([a-zA-Z][a-zA-Z0-9]*):(decimal|integer|boolean|string)"
            + "(?::([a-z][a-z0-9]*))?");

    public static final OptionSchema SCHEMA = new OptionSchema(TYPE, List.of(
            OptionSpec.string("port").withPattern("/dev/\\S+")
                    .describedAs("Serial device the sensor board is connected to"),
            OptionSpec.choice("baud", "1200", "2400", "4800", "9600", "19200", "38400", "57600", "115200")
                    .withDefault("9600").describedAs("Baud rate, 8N1, as in the sketch's Serial.begin()"),
            OptionSpec.choice("line-end", "lf", "cr").withDefault("lf")
                    .describedAs("lf: lines end in LF or CR LF (Serial.println); cr: lines end in CR only"),
            OptionSpec.string("pattern")
                    .describedAs("Regular expression the whole line must match; each named group (?<name>...) "
                            + "is a field"),
            OptionSpec.string("fields").withDefault("")
                    .withPattern("\\s*(" + ITEM.pattern() + "(\\s*,\\s*" + ITEM.pattern() + ")*)?\\s*")
                    .describedAs("Type and unit per group: name:type[:unit], comma-separated; types decimal, "
                            + "integer, boolean, string; the unit is appended to the event key"),
            OptionSpec.integer("max-line-length", "bytes").withDefault(256).withRange(8, 4_096)
                    .describedAs("Longer lines are rejected and skipped up to the next line end"),
            OptionSpec.integer("silence-timeout", "ms").withDefault(0).withRange(0, 3_600_000)
                    .describedAs("Fail and restart the device after this long without a byte; 0 disables"),
            OptionSpec.integer("poll-interval", "ms").withDefault(50).withRange(10, 1_000)
                    .describedAs("How often received bytes are decoded")));

    static SerialLinesOptions from(OptionValues v) throws InvalidOptionsException {
        List<OptionProblem> problems = new ArrayList<>();
        Pattern pattern = null;
        try {
            pattern = Pattern.compile(v.getString("pattern"));
        } catch (PatternSyntaxException e) {
            problems.add(new OptionProblem("pattern", "is not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex()));
        }
        Set<String> groups = new LinkedHashSet<>();
        Matcher g = GROUP_NAME.matcher(v.getString("pattern"));
        while (g.find()) {
            groups.add(g.group(1));
        }
        if (pattern != null && groups.isEmpty()) {
            problems.add(new OptionProblem("pattern", "has no named group (?<name>...), so no field"));
        }
        List<FieldSpec> fields = fields(v.getString("fields"), groups, problems);
        if (!problems.isEmpty()) {
            throw new InvalidOptionsException(TYPE, problems);
        }
        return new SerialLinesOptions(v.getString("port"), Integer.parseInt(v.getString("baud")),
                v.getString("line-end").equals("cr") ? '\r' : '\n', pattern, fields, v.getInt("max-line-length"),
                v.getLong("silence-timeout"), v.getLong("poll-interval"));
    }

    /** One spec per named group, in pattern order; typed per the items, strings otherwise. */
    private static List<FieldSpec> fields(String text, Set<String> groups, List<OptionProblem> problems) {
        List<FieldSpec> declared = new ArrayList<>();
        for (String item : text.split(",")) {
            Matcher m = ITEM.matcher(item.trim());
            if (!m.matches()) {
                continue; // only an empty text gets here: the schema pattern already checked the syntax
            }
            if (!groups.contains(m.group(1))) {
                problems.add(new OptionProblem("fields", "names '" + m.group(1) + "', which is not a named group "
                        + "of the pattern " + groups));
            }
            declared.add(new FieldSpec(m.group(1), FieldType.valueOf(m.group(2).toUpperCase(Locale.ROOT)),
                    m.group(3) == null ? "" : m.group(3)));
        }
        List<FieldSpec> out = new ArrayList<>();
        for (String group : groups) {
            out.add(declared.stream().filter(f -> f.group().equals(group)).findFirst()
                    .orElse(new FieldSpec(group, FieldType.STRING, "")));
        }
        return out;
    }

    @Override
    public Wiring wiring() {
        return SerialPortWiring.forPort(port);
    }
}
