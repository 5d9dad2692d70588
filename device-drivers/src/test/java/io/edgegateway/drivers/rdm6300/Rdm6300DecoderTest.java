package io.edgegateway.drivers.rdm6300;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class Rdm6300DecoderTest {
    /*
     * Tag 06 00775522 (customer 0x06, card 0x00775522).
     * checksum = 06 ^ 00 ^ 77 ^ 55 ^ 22: 06^00 = 06, 06^77 = 71, 71^55 = 24, 24^22 = 06 -> "06".
     * card decimal 0x775522 = 119 * 65536 + 0x5522 (21794) = 7820578 -> "0007820578", Wiegand-26 "119,21794".
     */
    static final byte[] FRAME_06 = {0x02, '0', '6', '0', '0', '7', '7', '5', '5', '2', '2', '0', '6', 0x03};

    /*
     * Tag 3E 00A1B2C3: checksum 3E^00 = 3E, 3E^A1 = 9F, 9F^B2 = 2D, 2D^C3 = EE -> "EE".
     * decimal 0xA1B2C3 = 161 * 65536 + 0xB2C3 (45763) = 10597059 -> "0010597059", "161,45763".
     */
    static final byte[] FRAME_3E = {0x02, '3', 'E', '0', '0', 'A', '1', 'B', '2', 'C', '3', 'E', 'E', 0x03};

    /* Tag FF FFFFFFFF: five FF bytes XOR to FF (odd count); decimal 4294967295, "255,65535". */
    static final byte[] FRAME_FF = {0x02, 'F', 'F', 'F', 'F', 'F', 'F', 'F', 'F', 'F', 'F', 'F', 'F', 0x03};

    private static RecordingListener decode(byte[]... chunks) {
        Rdm6300Decoder d = new Rdm6300Decoder();
        RecordingListener l = new RecordingListener();
        for (byte[] c : chunks) {
            d.feed(c, 0, c.length, l);
        }
        return l;
    }

    @Test
    void decodesKnownFrames() {
        RecordingListener l = decode(FRAME_06, FRAME_3E, FRAME_FF);
        assertEquals(List.of(), l.rejects);
        assertEquals(3, l.tags.size());
        Em4100Tag a = l.tags.get(0);
        assertEquals(new Em4100Tag(0x06, 0x00775522L), a);
        assertEquals("0600775522", a.hex());
        assertEquals("0007820578", a.decimal());
        assertEquals("119,21794", a.wiegand26());
        Em4100Tag b = l.tags.get(1);
        assertEquals("3E00A1B2C3", b.hex());
        assertEquals("0010597059", b.decimal());
        assertEquals("161,45763", b.wiegand26());
        Em4100Tag c = l.tags.get(2);
        assertEquals("4294967295", c.decimal());
        assertEquals("255,65535", c.wiegand26());
    }

    @Test
    void acceptsLowerCaseHex() {
        byte[] lower = FRAME_3E.clone();
        lower[2] = 'e';
        lower[11] = 'e';
        lower[12] = 'e';
        assertEquals("3E00A1B2C3", decode(lower).tags.get(0).hex());
    }

    @Test
    void wrongChecksumIsRejected() {
        byte[] bad = FRAME_06.clone();
        bad[12] = '7'; // checksum 07 instead of 06
        RecordingListener l = decode(bad);
        assertEquals(List.of(), l.tags);
        assertEquals(List.of(Rdm6300Decoder.BAD_CHECKSUM), l.rejects);
    }

    @Test
    void flippedDataDigitIsRejected() {
        byte[] bad = FRAME_06.clone();
        bad[6] = '6'; // card 0x00675522; checksum would be 16
        assertEquals(List.of(Rdm6300Decoder.BAD_CHECKSUM), decode(bad).rejects);
    }

    @Test
    void noiseBeforeAFrameIsCountedAndSkipped() {
        RecordingListener l = decode(new byte[] {0x41, (byte) 0xFF, 0x03, 0x00}, FRAME_06);
        assertEquals(List.of("reject noise", "tag 0600775522"), l.all);
    }

    @Test
    void longNoiseIsReportedInRuns() {
        RecordingListener l = decode(new byte[Rdm6300Decoder.NOISE_REPORT_RUN * 2 + 3]);
        assertEquals(List.of("noise", "noise"), l.rejects, "two full runs; the last 3 bytes wait for an STX");
    }

    @Test
    void frameCutByANewStxIsRejectedAndTheNextFrameDecodes() {
        byte[] cut = java.util.Arrays.copyOf(FRAME_3E, 7);
        RecordingListener l = decode(cut, FRAME_06);
        assertEquals(List.of("reject truncated-frame", "tag 0600775522"), l.all);
    }

    @Test
    void earlyEtxNonHexAndMissingEtxAreRejected() {
        byte[] shortFrame = {0x02, '0', '6', 0x03};
        byte[] nonHex = FRAME_06.clone();
        nonHex[4] = 'G';
        byte[] noEtx = FRAME_06.clone();
        noEtx[13] = '\r';
        assertEquals(List.of(Rdm6300Decoder.SHORT), decode(shortFrame).rejects);
        assertEquals(List.of(Rdm6300Decoder.NON_HEX, Rdm6300Decoder.NOISE),
                decode(nonHex, new byte[] {0x02}).rejects, "rest of the broken frame counts as noise");
        assertEquals(List.of(Rdm6300Decoder.MISSING_ETX), decode(noEtx).rejects);
    }

    @Test
    void byteByByteGivesTheSameResult() {
        Rdm6300Decoder d = new Rdm6300Decoder();
        RecordingListener l = new RecordingListener();
        for (byte b : FRAME_3E) {
            d.feed(b & 0xFF, l);
        }
        assertEquals(List.of("tag 3E00A1B2C3"), l.all);
        assertEquals(0, d.buffered());
    }

    @Test
    void tagRefusesValuesOutside40Bits() {
        assertThrows(IllegalArgumentException.class, () -> new Em4100Tag(256, 0));
        assertThrows(IllegalArgumentException.class, () -> new Em4100Tag(0, 1L << 32));
    }
}
