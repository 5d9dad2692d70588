package io.edgegateway.drivers.nmea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Random and mutated input: no exception, no false fix, bounded buffer, split-independent, quick resync. */
class NmeaDecoderPropertiesTest {
    private static final int MAX = 100;

    /** Bytes biased towards NMEA structure: start, separators, checksum marker, line ends, digits. */
    @Provide
    Arbitrary<byte[]> lineBytes() {
        Arbitrary<Byte> interesting = Arbitraries.of("$!,*\r\n0123456789.NSEWAVGPRMCGA".chars()
                .mapToObj(c -> (byte) c).collect(java.util.stream.Collectors.toList()));
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.bytes()), Tuple.of(3, interesting))
                .list().ofMaxSize(300).map(NmeaDecoderPropertiesTest::toArray);
    }

    @Provide
    Arbitrary<String> validSentence() {
        return Arbitraries.of(NmeaDecoderTest.GGA, NmeaDecoderTest.RMC, NmeaDecoderTest.GN_GGA,
                NmeaDecoderTest.GN_RMC);
    }

    private static byte[] toArray(List<Byte> list) {
        byte[] a = new byte[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    private static RecordingNmeaListener decodeSplit(byte[] input, int split) {
        NmeaDecoder d = new NmeaDecoder(MAX, true);
        RecordingNmeaListener l = new RecordingNmeaListener();
        d.feed(input, 0, split, l);
        assertTrue(d.buffered() <= MAX);
        d.feed(input, split, input.length - split, l);
        assertTrue(d.buffered() <= MAX);
        return l;
    }

    @Property(tries = 300)
    void randomBytesNeverYieldAFixWhateverTheSplit(@ForAll("lineBytes") byte[] input) {
        RecordingNmeaListener whole = decodeSplit(input, input.length);
        // A random GGA/RMC with a valid checksum and valid fields is far too unlikely to happen by chance.
        assertEquals(List.of(), whole.gga);
        assertEquals(List.of(), whole.rmc);
        for (int split = 0; split <= input.length; split++) {
            assertEquals(whole.all, decodeSplit(input, split).all, "split at " + split);
        }
    }

    @Property(tries = 300)
    void aSentenceAfterAnyGarbageIsDecoded(@ForAll("lineBytes") byte[] garbage,
                                           @ForAll("validSentence") String sentence) {
        byte[] s = (sentence + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[garbage.length + s.length];
        System.arraycopy(garbage, 0, input, 0, garbage.length);
        System.arraycopy(s, 0, input, garbage.length, s.length);
        RecordingNmeaListener alone = decodeSplit(s, 0);
        RecordingNmeaListener l = decodeSplit(input, garbage.length / 2);
        assertEquals(alone.all.get(0), l.all.get(l.all.size() - 1));
    }

    @Property(tries = 500)
    void aSingleChangedByteNeverYieldsADifferentFix(@ForAll("validSentence") String sentence,
                                                    @ForAll @IntRange(min = 0, max = 200) int where,
                                                    @ForAll byte replacement) {
        byte[] s = (sentence + "\r\n").getBytes(StandardCharsets.US_ASCII);
        int position = where % s.length;
        if (s[position] == replacement) {
            return;
        }
        String original = decodeSplit(s, 0).all.get(0);
        s[position] = replacement;
        RecordingNmeaListener l = decodeSplit(s, position);
        // Only a checksum digit changed to the other case keeps the sentence valid.
        for (String out : l.all) {
            assertTrue(out.startsWith("reject") || out.equals(original), () -> "false fix " + out);
        }
    }
}
