package io.edgegateway.drivers.rdm6300;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.drivers.sim.Rdm6300Simulator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Random and mutated input: no exception, no false tag, bounded state, split-independent, quick resync. */
class Rdm6300DecoderPropertiesTest {

    /** Bytes biased towards the ones that matter to the framer: STX, ETX and hex digits. */
    @Provide
    Arbitrary<byte[]> lineBytes() {
        Arbitrary<Byte> interesting = Arbitraries.of((byte) 0x02, (byte) 0x03, (byte) '0', (byte) '7', (byte) 'A',
                (byte) 'f', (byte) 'G');
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, Arbitraries.bytes()),
                        net.jqwik.api.Tuple.of(2, interesting))
                .list().ofMaxSize(200).map(Rdm6300DecoderPropertiesTest::toArray);
    }

    private static byte[] toArray(List<Byte> list) {
        byte[] a = new byte[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    private static List<String> decodeSplit(byte[] input, int split) {
        Rdm6300Decoder d = new Rdm6300Decoder();
        RecordingListener l = new RecordingListener();
        d.feed(input, 0, split, l);
        assertTrue(d.buffered() <= 12);
        d.feed(input, split, input.length - split, l);
        assertTrue(d.buffered() <= 12);
        return l.all;
    }

    /** Every 14-byte window of the input that is a well-formed frame with a matching checksum. */
    private static Set<String> realFrames(byte[] in) {
        Set<String> tags = new HashSet<>();
        for (int i = 0; i + 14 <= in.length; i++) {
            if (in[i] != 0x02 || in[i + 13] != 0x03) {
                continue;
            }
            int[] v = new int[6];
            boolean ok = true;
            for (int k = 0; k < 12 && ok; k++) {
                int h = Rdm6300Decoder.hexValue(in[i + 1 + k] & 0xFF);
                ok = h >= 0;
                v[k / 2] = v[k / 2] << 4 | Math.max(h, 0);
            }
            if (ok && (v[0] ^ v[1] ^ v[2] ^ v[3] ^ v[4]) == v[5]) {
                tags.add(String.format("tag %02X%02X%02X%02X%02X", v[0], v[1], v[2], v[3], v[4]));
            }
        }
        return tags;
    }

    @Property(tries = 300)
    void randomBytesYieldOnlyRealFramesWhateverTheSplit(@ForAll("lineBytes") byte[] input) {
        List<String> whole = decodeSplit(input, input.length);
        Set<String> real = realFrames(input);
        for (String out : whole) {
            assertTrue(!out.startsWith("tag") || real.contains(out), () -> out + " is not in the input");
        }
        for (int split = 0; split <= input.length; split++) {
            assertEquals(whole, decodeSplit(input, split), "split at " + split);
        }
    }

    @Property(tries = 300)
    void aFrameAfterAnyGarbageIsDecoded(@ForAll("lineBytes") byte[] garbage,
                                        @ForAll @IntRange(min = 0, max = 255) int customer,
                                        @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long card) {
        Em4100Tag tag = new Em4100Tag(customer, card);
        byte[] frame = Rdm6300Simulator.frame(tag);
        byte[] input = new byte[garbage.length + frame.length];
        System.arraycopy(garbage, 0, input, 0, garbage.length);
        System.arraycopy(frame, 0, input, garbage.length, frame.length);
        List<String> out = decodeSplit(input, garbage.length / 2);
        assertEquals("tag " + tag.hex(), out.get(out.size() - 1));
    }

    @Property(tries = 500)
    void aSingleChangedByteNeverYieldsAnotherTag(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long card,
                                                 @ForAll @IntRange(min = 0, max = 13) int position,
                                                 @ForAll byte replacement) {
        Em4100Tag tag = new Em4100Tag(0x42, card);
        byte[] frame = Rdm6300Simulator.frame(tag);
        if (frame[position] == replacement) {
            return;
        }
        frame[position] = replacement;
        RecordingListener l = new RecordingListener();
        new Rdm6300Decoder().feed(frame, 0, frame.length, l);
        // Only a hex letter changed to lower case keeps the value; XOR catches every single-nibble change.
        List<Em4100Tag> allowed = new ArrayList<>(List.of(tag));
        assertTrue(allowed.containsAll(l.tags), () -> "false tag " + l.tags);
    }
}
