package io.edgegateway.drivers.pn532;

import static io.edgegateway.drivers.pn532.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Host frames built, PN532 frames decoded, target data parsed; every vector worked out by hand. */
class Pn532FramesTest {
    /* GetFirmwareVersion response, IC 32 v1.6 rev 07: LEN 06, LCS FA (06 + FA = 100);
       D5+03 = D8, +32 = 10A, +01 = 10B, +06 = 111, +07 = 118 -> low byte 18, DCS = 100 - 18 = E8. */
    static final byte[] FIRMWARE = hex("00 00 FF 06 FA D5 03 32 01 06 07 E8 00");
    /* InListPassiveTarget, MIFARE Classic 1K UID DEADBEEF: LEN 0C, LCS F4; D5+4B+01+01+00+04+08+04+DE+AD+BE+EF
       = 46A -> DCS = 100 - 6A = 96. SENS_RES is "00 04" in PN532 order. */
    static final byte[] CLASSIC = hex("00 00 FF 0C F4 D5 4B 01 01 00 04 08 04 DE AD BE EF 96 00");
    /* 7-byte NTAG UID 04112233445566, SENS_RES 00 44, SAK 00: LEN 0F, LCS F1, sum of TFI..UID = 3D6 -> DCS 2A. */
    static final byte[] NTAG = hex("00 00 FF 0F F1 D5 4B 01 01 00 44 00 07 04 11 22 33 44 55 66 2A 00");
    /* 10-byte UID 01..0A, SENS_RES 00 84 (triple size): LEN 12, LCS EE, sum = 2E7 -> DCS 19. */
    static final byte[] TRIPLE = hex("00 00 FF 12 EE D5 4B 01 01 00 84 00 0A 01 02 03 04 05 06 07 08 09 0A 19 00");
    /* ISO 14443-4 card (SAK 20) with ATS TL=06 "75 77 81 02 80": LEN 15, LCS EB, sum = 574 -> DCS 8C. */
    static final byte[] DESFIRE = hex("00 00 FF 15 EB D5 4B 01 01 03 44 20 07 04 5A 3B 12 9C 28 80 06 75 77 81 02 80"
            + " 8C 00");
    /* No card: D5 4B 00, LEN 03, LCS FD, D5+4B+00 = 120 -> DCS E0. */
    static final byte[] NO_CARD = hex("00 00 FF 03 FD D5 4B 00 E0 00");

    private static RecordingFrameListener decode(byte[]... chunks) {
        Pn532FrameDecoder d = new Pn532FrameDecoder();
        RecordingFrameListener l = new RecordingFrameListener();
        for (byte[] c : chunks) {
            d.feed(c, 0, c.length, l);
        }
        return l;
    }

    @Test
    void hostFramesMatchHandComputedBytes() {
        // LEN 03, LCS FD; D4+14+01 = E9, DCS = 100 - E9 = 17; the same bytes as the published libnfc-style trace
        assertArrayEquals(hex("00 00 FF 03 FD D4 14 01 17 00"), Pn532Codec.command(0x14, (byte) 0x01));
        // LEN 05, LCS FB; D4+14+01+14+01 = FE, DCS 02 (Adafruit's SAMConfig frame)
        assertArrayEquals(hex("00 00 FF 05 FB D4 14 01 14 01 02 00"),
                Pn532Codec.command(0x14, (byte) 0x01, (byte) 0x14, (byte) 0x01));
        // LEN 02, LCS FE; D4+02 = D6, DCS 2A
        assertArrayEquals(hex("00 00 FF 02 FE D4 02 2A 00"), Pn532Codec.command(Pn532Codec.GET_FIRMWARE_VERSION));
        // LEN 04, LCS FC; D4+4A+01+00 = 11F, DCS = 100 - 1F = E1
        assertArrayEquals(hex("00 00 FF 04 FC D4 4A 01 00 E1 00"),
                Pn532Codec.command(Pn532Codec.IN_LIST_PASSIVE_TARGET, (byte) 1, (byte) 0));
        // LEN 06, LCS FA; D4+32+05+FF+01+02 = 20D, DCS = 100 - 0D = F3
        assertArrayEquals(hex("00 00 FF 06 FA D4 32 05 FF 01 02 F3 00"),
                Pn532Codec.command(Pn532Codec.RF_CONFIGURATION, (byte) 5, (byte) 0xFF, (byte) 1, (byte) 2));
        assertThrows(IllegalArgumentException.class, () -> Pn532Codec.command(0x40, new byte[254]));
    }

    @Test
    void decodesAckNackErrorAndResponses() {
        RecordingFrameListener l = decode(hex("00 00 FF 00 FF 00"), hex("00 00 FF FF 00 00"),
                hex("00 00 FF 01 FF 7F 81 00"), FIRMWARE);
        assertEquals(List.of(), l.rejects);
        assertEquals(List.of(new Pn532Frame.Ack(), new Pn532Frame.Nack(), new Pn532Frame.ErrorFrame(),
                new Pn532Frame.Response(0x03, hex("32 01 06 07"))), l.frames);
    }

    @Test
    void corruptedFramesAreRejectedAndTheNextFrameIsFound() {
        byte[] badLcs = FIRMWARE.clone();
        badLcs[4] = (byte) 0xFB;
        byte[] badDcs = FIRMWARE.clone();
        badDcs[11] = (byte) 0xE9;
        byte[] hostEcho = Pn532Codec.command(0x02); // a D4 frame is not for the host
        RecordingFrameListener l = decode(badLcs, badDcs, hostEcho, NO_CARD);
        // the bytes of the broken frames left after each rejected start code are counted as noise, reported
        // in one run when the next good frame is found
        assertEquals(List.of(Pn532FrameDecoder.BAD_LCS, Pn532FrameDecoder.BAD_DCS, Pn532FrameDecoder.BAD_TFI,
                Pn532FrameDecoder.NOISE), l.rejects);
        assertEquals(List.of(new Pn532Frame.Response(0x4B, hex("00"))), l.frames);
    }

    @Test
    void noiseAndSplitsDoNotMatter() {
        RecordingFrameListener l = decode(hex("55 AA 13"), java.util.Arrays.copyOf(CLASSIC, 5),
                java.util.Arrays.copyOfRange(CLASSIC, 5, CLASSIC.length));
        assertEquals(List.of("reject noise", "Response[4B 010100040804DEADBEEF]"), l.all);
    }

    @Test
    void extendedAndEmptyFramesAreRejected() {
        assertEquals(List.of(Pn532FrameDecoder.EXTENDED_FRAME), decode(hex("00 00 FF FF FF")).rejects);
        assertEquals(List.of(Pn532FrameDecoder.BAD_LENGTH), decode(hex("00 00 FF 00 00")).rejects);
    }

    private static byte[] inListData(byte[] frame) {
        RecordingFrameListener l = decode(frame);
        return ((Pn532Frame.Response) l.frames.get(0)).data();
    }

    @Test
    void parsesTargetsOfEveryUidSize() throws Exception {
        Iso14443aTarget classic = Iso14443aTarget.parseInList(inListData(CLASSIC)).get(0);
        assertEquals("DEADBEEF", classic.uidHex());
        assertEquals(0x0004, classic.sensRes());
        assertEquals(0x08, classic.selRes());
        Iso14443aTarget ntag = Iso14443aTarget.parseInList(inListData(NTAG)).get(0);
        assertEquals("04112233445566", ntag.uidHex());
        assertEquals(0x0044, ntag.sensRes());
        assertEquals(10, Iso14443aTarget.parseInList(inListData(TRIPLE)).get(0).uid().length);
        Iso14443aTarget desfire = Iso14443aTarget.parseInList(inListData(DESFIRE)).get(0);
        assertEquals("045A3B129C2880", desfire.uidHex());
        assertArrayEquals(hex("75 77 81 02 80"), desfire.ats());
        assertEquals(List.of(), Iso14443aTarget.parseInList(inListData(NO_CARD)));
        assertTrue(new Iso14443aTarget(hex("08 12 34 56"), 4, 8, new byte[0]).randomUid());
    }

    @Test
    void malformedTargetDataIsRejectedByReason() {
        List<String[]> cases = List.of(
                new String[] {"01 01 00 04 08 05 DE AD BE EF 01", Iso14443aTarget.BAD_UID_LENGTH},
                new String[] {"01 01 00 04 08 04 DE AD BE", Iso14443aTarget.BAD_TARGET_DATA},
                new String[] {"01 01 00 04 08 04 DE AD BE EF 99", Iso14443aTarget.BAD_TARGET_DATA},
                new String[] {"01 01 03 44 20 04 DE AD BE EF 09 75", Iso14443aTarget.BAD_TARGET_DATA},
                new String[] {"03", Iso14443aTarget.BAD_TARGET_DATA},
                new String[] {"", Iso14443aTarget.BAD_TARGET_DATA});
        for (String[] c : cases) {
            Iso14443aTarget.Malformed m = assertThrows(Iso14443aTarget.Malformed.class,
                    () -> Iso14443aTarget.parseInList(hex(c[0])), c[0]);
            assertEquals(c[1], m.reason(), c[0]);
        }
    }
}
