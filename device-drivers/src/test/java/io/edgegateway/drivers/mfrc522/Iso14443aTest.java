package io.edgegateway.drivers.mfrc522;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Iso14443aTest {
    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void crcAMatchesTheStandardCheckValues() {
        // ISO 14443-3 Annex B check values (also the HLTA frame every reader sends): low byte first.
        assertArrayEquals(bytes(0x00, 0x00, 0xA0, 0x1E), Iso14443a.withCrc(bytes(0x00, 0x00)));
        assertArrayEquals(bytes(0x12, 0x34, 0x26, 0xCF), Iso14443a.withCrc(bytes(0x12, 0x34)));
        assertArrayEquals(bytes(0x50, 0x00, 0x57, 0xCD), Iso14443a.withCrc(bytes(0x50, 0x00)));
    }

    @Test
    void sakFramesSeenOnAirCarryTheirCrc() {
        // SAK 08 (MIFARE Classic 1K) and the cascade SAK 04, as captured in reader traces: "08 B6 DD", "04 DA 17".
        assertTrue(Iso14443a.crcOk(bytes(0x08, 0xB6, 0xDD)));
        assertTrue(Iso14443a.crcOk(bytes(0x04, 0xDA, 0x17)));
        assertFalse(Iso14443a.crcOk(bytes(0x08, 0xB6, 0xDC)), "one flipped bit in the CRC");
        assertFalse(Iso14443a.crcOk(bytes(0x09, 0xB6, 0xDD)), "one flipped bit in the SAK");
        assertFalse(Iso14443a.crcOk(bytes(0xB6, 0xDD)), "too short to hold data and CRC");
    }

    @Test
    void bccIsTheXorOfTheFourUidBytes() {
        // DE ^ AD = 73, 73 ^ BE = CD, CD ^ EF = 22
        assertEquals(0x22, Iso14443a.bcc(bytes(0xDE, 0xAD, 0xBE, 0xEF), 0));
        // cascade level 1 of a 7-byte UID: 88 ^ 04 = 8C, 8C ^ 6F = E3, E3 ^ 12 = F1
        assertEquals(0xF1, Iso14443a.bcc(bytes(0x00, 0x88, 0x04, 0x6F, 0x12), 1));
    }
}
