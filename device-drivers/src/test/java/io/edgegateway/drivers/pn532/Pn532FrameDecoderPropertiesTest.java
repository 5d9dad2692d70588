package io.edgegateway.drivers.pn532;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Random and mutated input: no exception, no false frame, bounded buffer, split-independent, quick resync. */
class Pn532FrameDecoderPropertiesTest {
    /** Bytes biased towards frame structure: zeros, FF, TFIs, small LENs. */
    @Provide
    Arbitrary<byte[]> streamBytes() {
        Arbitrary<Byte> interesting = Arbitraries.of(List.of((byte) 0x00, (byte) 0xFF, (byte) 0xD5, (byte) 0x7F,
                (byte) 0x4B, (byte) 0x03, (byte) 0xFD, (byte) 0x01));
        return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.bytes()), Tuple.of(3, interesting))
                .list().ofMaxSize(300).map(Pn532FrameDecoderPropertiesTest::toArray);
    }

    @Provide
    Arbitrary<byte[]> validFrame() {
        return Arbitraries.of(Pn532FramesTest.FIRMWARE, Pn532FramesTest.CLASSIC, Pn532FramesTest.NTAG,
                Pn532FramesTest.TRIPLE, Pn532FramesTest.DESFIRE, Pn532FramesTest.NO_CARD);
    }

    private static byte[] toArray(List<Byte> list) {
        byte[] a = new byte[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    private static RecordingFrameListener decodeSplit(byte[] input, int split) {
        Pn532FrameDecoder d = new Pn532FrameDecoder();
        RecordingFrameListener l = new RecordingFrameListener();
        d.feed(input, 0, split, l);
        assertTrue(d.buffered() <= Pn532FrameDecoder.CAPACITY);
        d.feed(input, split, input.length - split, l);
        assertTrue(d.buffered() <= Pn532FrameDecoder.CAPACITY);
        return l;
    }

    /** The wire bytes a response frame must have had, from start code to DCS, rebuilt independently. */
    private static byte[] wire(Pn532Frame.Response r) {
        byte[] data = r.data();
        int len = data.length + 2;
        byte[] w = new byte[len + 5];
        w[1] = (byte) 0xFF;
        w[2] = (byte) len;
        w[3] = (byte) (256 - len);
        w[4] = (byte) 0xD5;
        w[5] = (byte) r.code();
        System.arraycopy(data, 0, w, 6, data.length);
        int sum = 0xD5 + r.code();
        for (byte b : data) {
            sum += b & 0xFF;
        }
        w[w.length - 1] = (byte) (256 - (sum & 0xFF));
        return w;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Property(tries = 300)
    void randomBytesYieldOnlyFramesThatAreInTheInputWhateverTheSplit(@ForAll("streamBytes") byte[] input) {
        RecordingFrameListener whole = decodeSplit(input, input.length);
        for (Pn532Frame f : whole.frames) {
            if (f instanceof Pn532Frame.Response r) {
                assertTrue(contains(input, wire(r)), () -> "false frame " + r);
            }
        }
        for (int split = 0; split <= input.length; split++) {
            assertEquals(whole.all, decodeSplit(input, split).all, "split at " + split);
        }
    }

    @Property(tries = 300)
    void aFrameAfterAnyGarbageIsDecoded(@ForAll("streamBytes") byte[] garbage, @ForAll("validFrame") byte[] frame) {
        byte[] input = new byte[garbage.length + frame.length];
        System.arraycopy(garbage, 0, input, 0, garbage.length);
        System.arraycopy(frame, 0, input, garbage.length, frame.length);
        String expected = decodeSplit(frame, 0).all.get(0);
        RecordingFrameListener l = decodeSplit(input, garbage.length);
        assertEquals(expected, l.all.get(l.all.size() - 1));
    }

    /**
     * Noise that passes both checksums with a false LEN reaching into the real frame (found by the property
     * above): {@code 00 FF 01 FF} reads as a one-byte frame whose TFI and DCS are the real frame's preamble.
     */
    @Example
    void noiseWithGoodChecksumsDoesNotSwallowTheFrameBehindIt() {
        byte[] garbage = {0x00, (byte) 0xFF, 0x01, (byte) 0xFF};
        aFrameAfterAnyGarbageIsDecoded(garbage, Pn532FramesTest.FIRMWARE);
    }

    @Property(tries = 500)
    void aSingleChangedByteNeverYieldsAnotherResponse(@ForAll("validFrame") byte[] frame,
                                                      @ForAll @IntRange(min = 0, max = 40) int where,
                                                      @ForAll byte replacement) {
        byte[] mutated = frame.clone();
        int position = where % mutated.length;
        if (mutated[position] == replacement) {
            return;
        }
        mutated[position] = replacement;
        Pn532Frame original = decodeSplit(frame, 0).frames.get(0);
        List<Pn532Frame> responses = decodeSplit(mutated, position).frames.stream()
                .filter(f -> f instanceof Pn532Frame.Response).collect(Collectors.toList());
        // A changed preamble/postamble byte leaves the frame intact; any other change breaks LCS or DCS.
        assertTrue(responses.isEmpty() || responses.equals(List.of(original)), () -> "false frame " + responses);
    }
}
