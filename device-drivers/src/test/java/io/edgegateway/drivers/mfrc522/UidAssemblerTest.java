package io.edgegateway.drivers.mfrc522;

import static io.edgegateway.drivers.mfrc522.Iso14443aTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Answers and frames built by hand from ISO 14443-3 §6.5; every CRC_A below is low byte first. */
class UidAssemblerTest {
    @Test
    void fourByteUidInOneLevel() {
        UidAssembler a = new UidAssembler();
        assertArrayEquals(bytes(0x93, 0x20), a.anticollisionFrame());
        // DE AD BE EF with BCC 22 (DE ^ AD ^ BE ^ EF)
        assertNull(a.acceptAnticollision(bytes(0xDE, 0xAD, 0xBE, 0xEF, 0x22), 0));
        // SELECT CL1: 93 70, the five bytes, CRC_A = 9CB9
        assertArrayEquals(bytes(0x93, 0x70, 0xDE, 0xAD, 0xBE, 0xEF, 0x22, 0xB9, 0x9C), a.selectFrame());
        assertNull(a.acceptSelect(bytes(0x08, 0xB6, 0xDD), 0)); // SAK 08, CRC_A DDB6
        assertTrue(a.complete());
        assertArrayEquals(bytes(0xDE, 0xAD, 0xBE, 0xEF), a.uid());
        assertEquals(0x08, a.sak());
    }

    @Test
    void sevenByteUidNeedsTwoLevels() {
        UidAssembler a = new UidAssembler();
        // CL1 = cascade tag 88 + UID0..2 (04 6F 12), BCC F1; the SAK of level 1 is 04 (cascade bit)
        assertNull(a.acceptAnticollision(bytes(0x88, 0x04, 0x6F, 0x12, 0xF1), 0));
        assertArrayEquals(bytes(0x93, 0x70, 0x88, 0x04, 0x6F, 0x12, 0xF1, 0xA8, 0x74), a.selectFrame());
        assertNull(a.acceptSelect(bytes(0x04, 0xDA, 0x17), 0));
        assertFalse(a.complete());
        assertEquals(2, a.level());
        assertArrayEquals(bytes(0x95, 0x20), a.anticollisionFrame());
        // CL2 = UID3..6 (8A 3B 52 80), BCC 63 (8A ^ 3B = B1, B1 ^ 52 = E3, E3 ^ 80 = 63)
        assertNull(a.acceptAnticollision(bytes(0x8A, 0x3B, 0x52, 0x80, 0x63), 0));
        assertArrayEquals(bytes(0x95, 0x70, 0x8A, 0x3B, 0x52, 0x80, 0x63, 0x41, 0x20), a.selectFrame());
        assertNull(a.acceptSelect(bytes(0x00, 0xFE, 0x51), 0)); // SAK 00 (Ultralight/NTAG), CRC_A 51FE
        assertArrayEquals(bytes(0x04, 0x6F, 0x12, 0x8A, 0x3B, 0x52, 0x80), a.uid());
    }

    @Test
    void tenByteUidNeedsThreeLevels() {
        UidAssembler a = new UidAssembler();
        byte[] cl1 = bytes(0x88, 0x01, 0x02, 0x03, 0x88 ^ 0x01 ^ 0x02 ^ 0x03);
        byte[] cl2 = bytes(0x88, 0x04, 0x05, 0x06, 0x88 ^ 0x04 ^ 0x05 ^ 0x06);
        byte[] cl3 = bytes(0x07, 0x08, 0x09, 0x0A, 0x07 ^ 0x08 ^ 0x09 ^ 0x0A);
        for (byte[] cl : new byte[][] {cl1, cl2}) {
            assertNull(a.acceptAnticollision(cl, 0));
            assertNull(a.acceptSelect(bytes(0x04, 0xDA, 0x17), 0));
        }
        assertArrayEquals(bytes(0x97, 0x20), a.anticollisionFrame());
        assertNull(a.acceptAnticollision(cl3, 0));
        assertNull(a.acceptSelect(bytes(0x20, 0xFC, 0x70), 0)); // SAK 20 (ISO 14443-4), CRC_A 70FC
        assertArrayEquals(bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), a.uid());
    }

    @Test
    void corruptedAnticollisionAnswersAreRejected() {
        assertEquals(UidAssembler.BCC_MISMATCH,
                new UidAssembler().acceptAnticollision(bytes(0xDE, 0xAD, 0xBE, 0xEF, 0x23), 0));
        assertEquals(UidAssembler.BCC_MISMATCH,
                new UidAssembler().acceptAnticollision(bytes(0xDF, 0xAD, 0xBE, 0xEF, 0x22), 0));
        assertEquals(UidAssembler.BAD_LENGTH,
                new UidAssembler().acceptAnticollision(bytes(0xDE, 0xAD, 0xBE, 0xEF), 0));
        assertEquals(UidAssembler.BAD_LENGTH,
                new UidAssembler().acceptAnticollision(bytes(0xDE, 0xAD, 0xBE, 0xEF, 0x22), 4));
    }

    @Test
    void corruptedSelectAnswersAreRejected() {
        assertEquals(UidAssembler.CRC_ERROR, selected4().acceptSelect(bytes(0x08, 0xB6, 0xDC), 0));
        assertEquals(UidAssembler.BAD_LENGTH, selected4().acceptSelect(bytes(0x08, 0xB6), 0));
        // a cascade SAK (04, valid CRC) after a CL1 answer without cascade tag contradicts it
        assertEquals(UidAssembler.SAK_MISMATCH, selected4().acceptSelect(bytes(0x04, 0xDA, 0x17), 0));
        UidAssembler cascaded = new UidAssembler();
        cascaded.acceptAnticollision(bytes(0x88, 0x04, 0x6F, 0x12, 0xF1), 0);
        // ... and a final SAK (08) after a cascade tag as well
        assertEquals(UidAssembler.SAK_MISMATCH, cascaded.acceptSelect(bytes(0x08, 0xB6, 0xDD), 0));
    }

    @Test
    void aCascadeTagAtLevelThreeIsRejected() {
        UidAssembler a = new UidAssembler();
        byte[] cascade = bytes(0x88, 0x01, 0x02, 0x03, 0x88 ^ 0x01 ^ 0x02 ^ 0x03);
        for (int level = 0; level < 2; level++) {
            a.acceptAnticollision(cascade, 0);
            assertNull(a.acceptSelect(bytes(0x04, 0xDA, 0x17), 0));
        }
        assertNull(a.acceptAnticollision(cascade, 0));
        assertEquals(UidAssembler.SAK_MISMATCH, a.acceptSelect(bytes(0x04, 0xDA, 0x17), 0));
        assertFalse(a.complete());
    }

    private static UidAssembler selected4() {
        UidAssembler a = new UidAssembler();
        assertNull(a.acceptAnticollision(bytes(0xDE, 0xAD, 0xBE, 0xEF, 0x22), 0));
        return a;
    }
}
