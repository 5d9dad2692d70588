package io.edgegateway.drivers.seriallines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.sim.ArduinoLineSimulator;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Random input: no exception, bounded buffer, split-independent, only records that some input line really
 * maps to, and resync at the first line end after garbage. There is no checksum in this protocol, so a
 * mutated digit is a different but valid reading; only the pattern and the type checks protect it, which
 * the "records come from real lines" property covers.
 */
class SerialLinesDecoderPropertiesTest {
    private static final int MAX = 48;
    private static final LineMapper MAPPER = new LineMapper(Pattern.compile(ArduinoLineSimulator.PATTERN), List.of(
            new FieldSpec("temperature", FieldType.DECIMAL, "c"), new FieldSpec("humidity", FieldType.DECIMAL, "pct"),
            new FieldSpec("door", FieldType.BOOLEAN, "")));

    @Provide
    Arbitrary<byte[]> lineBytes() {
        Arbitrary<Byte> interesting = Arbitraries.of("T=H door=0123456789.-nan\r\n".chars().mapToObj(c -> (byte) c)
                .collect(Collectors.toList()));
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.bytes()), Tuple.of(4, interesting))
                .list().ofMaxSize(300).map(SerialLinesDecoderPropertiesTest::toArray);
    }

    private static byte[] toArray(List<Byte> list) {
        byte[] a = new byte[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    private static RecordingLinesListener decodeSplit(byte[] input, int split) {
        SerialLinesDecoder d = new SerialLinesDecoder(MAX, '\n', MAPPER);
        RecordingLinesListener l = new RecordingLinesListener();
        d.feed(input, 0, split, l);
        assertTrue(d.buffered() <= MAX);
        d.feed(input, split, input.length - split, l);
        assertTrue(d.buffered() <= MAX);
        return l;
    }

    /** What each LF-separated piece of the input maps to on its own. */
    private static Set<Map<String, Object>> realRecords(byte[] input) {
        Set<Map<String, Object>> out = new HashSet<>();
        for (String piece : new String(input, StandardCharsets.ISO_8859_1).split("\n")) {
            byte[] line = (piece + "\n").getBytes(StandardCharsets.ISO_8859_1);
            out.addAll(decodeSplit(line, 0).records);
        }
        return out;
    }

    @Property(tries = 300)
    void randomBytesYieldOnlyRecordsOfRealLinesWhateverTheSplit(@ForAll("lineBytes") byte[] input) {
        RecordingLinesListener whole = decodeSplit(input, input.length);
        assertTrue(realRecords(input).containsAll(whole.records), () -> "invented record in " + whole.records);
        for (int split = 0; split <= input.length; split++) {
            assertEquals(whole.all, decodeSplit(input, split).all, "split at " + split);
        }
    }

    @Property(tries = 300)
    void theSecondLineAfterAnyGarbageIsDecoded(@ForAll("lineBytes") byte[] garbage,
                                              @ForAll @DoubleRange(min = -40, max = 80) double t) {
        String line = String.format(java.util.Locale.ROOT, "T=%.2f H=50.0 door=1\r\n", t);
        byte[] tail = (line + line).getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[garbage.length + tail.length];
        System.arraycopy(garbage, 0, input, 0, garbage.length);
        System.arraycopy(tail, 0, input, garbage.length, tail.length);
        RecordingLinesListener l = decodeSplit(input, garbage.length);
        Map<String, Object> last = l.records.get(l.records.size() - 1);
        assertEquals(Double.parseDouble(line.substring(2, line.indexOf(' '))), last.get("temperature_c"));
        assertEquals(l.all.get(l.all.size() - 1), last.toString(), "nothing after the last good line");
    }
}
