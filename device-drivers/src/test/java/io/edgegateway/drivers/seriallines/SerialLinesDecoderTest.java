package io.edgegateway.drivers.seriallines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.options.InvalidOptionsException;
import io.edgegateway.drivers.sim.ArduinoLineSimulator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SerialLinesDecoderTest {
    private static SerialLinesOptions options(Map<String, Object> extra) throws InvalidOptionsException {
        Map<String, Object> raw = new LinkedHashMap<>(Map.of("port", "/dev/ttyUSB0",
                "pattern", ArduinoLineSimulator.PATTERN, "fields", ArduinoLineSimulator.FIELDS));
        raw.putAll(extra);
        return new SerialLinesDriverType().parse(raw);
    }

    private static RecordingLinesListener decode(SerialLinesOptions o, byte[]... chunks) {
        SerialLinesDecoder d = new SerialLinesDecoder(o.maxLineLength(), o.delimiter(),
                new LineMapper(o.pattern(), o.fields()));
        RecordingLinesListener l = new RecordingLinesListener();
        for (byte[] c : chunks) {
            d.feed(c, 0, c.length, l);
            assertTrue(d.buffered() <= o.maxLineLength());
        }
        return l;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void mapsLinesToTypedFieldsWithUnits() throws Exception {
        RecordingLinesListener l = decode(options(Map.of()), ascii("T=21.53 H=44.2 door=1\r\nT=-3.5 H=80 door=0\n"));
        assertEquals(List.of(), l.rejects);
        assertEquals(Map.of("temperature_c", 21.53, "humidity_pct", 44.2, "door", true), l.records.get(0));
        assertEquals(List.of("temperature_c", "humidity_pct", "door"), List.copyOf(l.records.get(0).keySet()));
        assertEquals(Map.of("temperature_c", -3.5, "humidity_pct", 80.0, "door", false), l.records.get(1));
    }

    @Test
    void lineSplitAcrossReadsIsJoined() throws Exception {
        RecordingLinesListener l = decode(options(Map.of()), ascii("T=21.5"), ascii("3 H=44.2 do"), ascii("or=1\r"),
                ascii("\n"));
        assertEquals(List.of(Map.of("temperature_c", 21.53, "humidity_pct", 44.2, "door", true)), l.records);
    }

    @Test
    void sensorFailuresAndGarbageAreRejectedByReason() throws Exception {
        RecordingLinesListener l = decode(options(Map.of()), ascii(
                "T=nan H=nan door=0\r\n"          // DHT read failed: not a decimal
                + "T=inf H=40.0 door=0\r\n"        // overflow printed by Arduino's Print
                + ArduinoLineSimulator.BANNER + "\r\n"
                + "T=21.5 H=44.2 door=7\r\n"       // door must be one digit and boolean: 7 matches \\d, not boolean
                + "\r\n\r\n"                       // blank lines are skipped silently
                + "T=21.5 H=44.2 door=1 extra\r\n"),
                new byte[] {'T', '=', (byte) 0xC3, (byte) 0x28, '\n'});
        assertEquals(List.of(SerialLinesDecoder.BAD_VALUE, SerialLinesDecoder.BAD_VALUE, SerialLinesDecoder.NO_MATCH,
                SerialLinesDecoder.BAD_VALUE, SerialLinesDecoder.NO_MATCH, SerialLinesDecoder.BAD_ENCODING),
                l.rejects);
        assertEquals(List.of(), l.records);
    }

    @Test
    void overlongLinesAreRejectedOnceAndTheNextLineDecodes() throws Exception {
        SerialLinesOptions o = options(Map.of("max-line-length", 32));
        RecordingLinesListener l = decode(o, ascii("X".repeat(100)), ascii("Y".repeat(100) + "\r\n"),
                ascii("T=1 H=2 door=0\r\n"));
        assertEquals(List.of(SerialLinesDecoder.TOO_LONG), l.rejects);
        assertEquals(List.of(Map.of("temperature_c", 1.0, "humidity_pct", 2.0, "door", false)), l.records);
    }

    @Test
    void carriageReturnLineEndsAndOptionalGroups() throws Exception {
        SerialLinesOptions o = options(Map.of("line-end", "cr", "pattern",
                "(?<count>\\d+)(?: (?<label>[a-z]+))?", "fields", "count:integer:pulses"));
        RecordingLinesListener l = decode(o, ascii("42 north\r17\r"));
        assertEquals(List.of(Map.of("count_pulses", 42L, "label", "north"), Map.of("count_pulses", 17L)),
                l.records);
    }

    @Test
    void fieldTypesConvertStrictly() {
        assertEquals(1000.0, FieldType.DECIMAL.convert("1e3"));
        assertEquals(0.5, FieldType.DECIMAL.convert(".5"));
        assertEquals(null, FieldType.DECIMAL.convert("NaN"));
        assertEquals(null, FieldType.DECIMAL.convert("Infinity"));
        assertEquals(null, FieldType.DECIMAL.convert("1e999"));
        assertEquals(-12L, FieldType.INTEGER.convert("-12"));
        assertEquals(null, FieldType.INTEGER.convert("1.0"));
        assertEquals(null, FieldType.INTEGER.convert("99999999999999999999"));
        assertEquals(true, FieldType.BOOLEAN.convert("HIGH"));
        assertEquals(false, FieldType.BOOLEAN.convert("off"));
        assertEquals(null, FieldType.BOOLEAN.convert("2"));
        assertEquals(" a ", FieldType.STRING.convert(" a "));
    }

    @Test
    void optionsRejectBadPatternsAndFieldsNamingTheKey() {
        SerialLinesDriverType type = new SerialLinesDriverType();
        InvalidOptionsException e = assertThrows(InvalidOptionsException.class, () -> type.parse(Map.of(
                "port", "/dev/ttyUSB0", "pattern", "T=(?<t>[0-9", "fields", "t:decimal:c")));
        assertTrue(e.getMessage().contains("option 'pattern': is not a valid regular expression"), e.getMessage());
        e = assertThrows(InvalidOptionsException.class, () -> type.parse(Map.of(
                "port", "/dev/ttyUSB0", "pattern", "T=(\\d+)")));
        assertTrue(e.getMessage().contains("has no named group"), e.getMessage());
        e = assertThrows(InvalidOptionsException.class, () -> type.parse(Map.of(
                "port", "/dev/ttyUSB0", "pattern", "T=(?<t>\\d+)", "fields", "temp:decimal:c")));
        assertTrue(e.getMessage().contains("'temp', which is not a named group of the pattern [t]"), e.getMessage());
        e = assertThrows(InvalidOptionsException.class, () -> type.parse(Map.of(
                "port", "/dev/ttyUSB0", "pattern", "T=(?<t>\\d+)", "fields", "t:float")));
        assertTrue(e.getMessage().contains("option 'fields'"), e.getMessage());
    }
}
