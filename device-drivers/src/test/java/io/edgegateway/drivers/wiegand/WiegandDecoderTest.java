package io.edgegateway.drivers.wiegand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WiegandDecoderTest {
    private static long bits(String s) {
        return Long.parseLong(s.replace(" ", ""), 2);
    }

    /** Reader manual (CIVINTEC CN56 §6.4.2): data D4 1B 81 is sent as 1 11010100 00011011 10000001 0. */
    @Test
    void publishedTwentySixBitVector() {
        long frame = bits("1 11010100 00011011 10000001 0");
        WiegandDecoder.Result r = WiegandDecoder.decode(frame, 26);
        assertTrue(r.ok(), r.detail());
        assertEquals(0xD4, r.card().facility());
        assertEquals(0x1B81, r.card().card());
        assertEquals(frame, WiegandFormat.H10301_26.encode(0xD4, 0x1B81));
    }

    /** Same manual §6.4.5: 89 D4 1B 81 → 1 10001001 11010100 00011011 10000001 1. */
    @Test
    void publishedThirtyFourBitVectors() {
        long frame = bits("1 10001001 11010100 00011011 10000001 1");
        WiegandDecoder.Result r = WiegandDecoder.decode(frame, 34);
        assertTrue(r.ok(), r.detail());
        assertEquals(0x89D4, r.card().facility());
        assertEquals(0x1B81, r.card().card());
        // Hikvision manual: card 1234567890 = 0x499602D2 → 1 0100100110010110 0000001011010010 0
        long hik = bits("1 0100100110010110 0000001011010010 0");
        WiegandDecoder.Result h = WiegandDecoder.decode(hik, 34);
        assertTrue(h.ok(), h.detail());
        assertEquals(1234567890L, (h.card().facility() << 16) | h.card().card());
    }

    /**
     * Worked by hand from the H10304 mask: facility 1 (bits 2..17), card 1 (bits 18..36). Bits 1..19 hold two
     * ones (bit 17 and none else in 2..19 → one) so even parity sets bit 1; bits 19..36 hold one (bit 36) so odd
     * parity leaves bit 37 clear.
     */
    @Test
    void handWorkedThirtySevenBitVectorWithSharedBit19() {
        long frame = bits("1 0000000000000001 0000000000000000001 0");
        WiegandDecoder.Result r = WiegandDecoder.decode(frame, 37);
        assertTrue(r.ok(), r.detail());
        assertEquals(1, r.card().facility());
        assertEquals(1, r.card().card());
        assertEquals(frame, WiegandFormat.H10304_37.encode(1, 1));
        // bit 19 (first card bit 18 is position 18; 19 is the second) set alone flips both parities
        long withBit19 = WiegandFormat.H10304_37.encode(0, 1L << 17);
        assertEquals(1, withBit19 >>> 36, "even parity set because bit 19 is in its range");
        assertEquals(0, withBit19 & 1, "odd parity clear because bit 19 already makes 19..36 odd");
    }

    @Test
    void eachParityIsChecked() {
        long good = bits("1 11010100 00011011 10000001 0");
        WiegandDecoder.Result even = WiegandDecoder.decode(good ^ (1L << 25), 26);
        assertEquals(WiegandDecoder.BAD_PARITY, even.rejectReason());
        assertTrue(even.detail().contains("even parity failed"));
        WiegandDecoder.Result odd = WiegandDecoder.decode(good ^ 1L, 26);
        assertTrue(odd.detail().contains("odd parity failed") && !odd.detail().contains("even"));
        assertEquals(WiegandDecoder.UNSUPPORTED_LENGTH, WiegandDecoder.decode(good >>> 1, 25).rejectReason());
    }

    /** Every single-bit error in any supported frame is caught by one of the two parities. */
    @Property(tries = 600)
    void singleBitErrorsNeverYieldATag(@ForAll("formats") WiegandFormat f, @ForAll long seed,
                                       @ForAll @IntRange(min = 1, max = 37) int position) {
        if (position > f.bits()) {
            return;
        }
        long facility = Math.floorMod(seed, 1L << f.facilityBits());
        long card = Math.floorMod(seed >>> 20, 1L << f.cardBits());
        long frame = f.encode(facility, card);
        WiegandDecoder.Result ok = WiegandDecoder.decode(frame, f.bits());
        assertEquals(new WiegandDecoder.WiegandCard(f, facility, card), ok.card());
        assertFalse(WiegandDecoder.decode(frame ^ (1L << (f.bits() - position)), f.bits()).ok());
    }

    /** Random frames of random length: never throws; whatever is accepted has both parities right. */
    @Property(tries = 2000)
    void randomFramesNeverThrow(@ForAll long frame, @ForAll @IntRange(min = 0, max = 64) int count) {
        long masked = count == 64 ? frame : frame & ((1L << count) - 1);
        WiegandDecoder.Result r = WiegandDecoder.decode(masked, count);
        if (r.ok()) {
            assertEquals(masked, r.card().format().encode(r.card().facility(), r.card().card()));
        } else {
            assertFalse(r.rejectReason().isEmpty());
        }
    }

    @Provide
    Arbitrary<WiegandFormat> formats() {
        return Arbitraries.of(WiegandFormat.class);
    }
}
