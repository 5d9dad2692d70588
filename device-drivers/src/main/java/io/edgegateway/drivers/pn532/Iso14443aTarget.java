package io.edgegateway.drivers.pn532;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One ISO/IEC 14443 type A card as InListPassiveTarget reports it at 106 kbps (UM0701 InListPassiveTarget):
 * SENS_RES (ATQA, in the byte order the PN532 sends, {@code 00 04} for MIFARE Classic),
 * SEL_RES (SAK), the UID (NFCID1) of 4, 7 or 10 bytes (single, double, triple size), and the ATS for cards
 * that speak ISO 14443-4 (SAK bit 6, {@code 0x20}). A 4-byte UID starting with {@code 08} is a random ID
 * (ISO 14443-3) that changes at every activation, typical of phones and passports; it cannot identify a
 * card, and events say so.
 */
public record Iso14443aTarget(byte[] uid, int sensRes, int selRes, byte[] ats) {
    /** Reject reasons for malformed target data. */
    public static final String BAD_TARGET_DATA = "bad-target-data";
    public static final String BAD_UID_LENGTH = "bad-uid-length";

    public Iso14443aTarget {
        uid = uid.clone();
        ats = ats.clone();
    }

    public String uidHex() {
        return Pn532Codec.hex(uid);
    }

    public boolean randomUid() {
        return uid.length == 4 && uid[0] == 0x08;
    }

    /** Thrown for target data that does not follow the layout; carries the reject reason. */
    public static final class Malformed extends Exception {
        private final String reason;

        Malformed(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /**
     * Parses the data of an InListPassiveTarget response (after the {@code 4B} code): NbTg, then per target
     * Tg, SENS_RES (2), SEL_RES (1), NFCIDLength (1), NFCID1, and ATSLength + ATS when SAK bit 6 is set.
     */
    public static List<Iso14443aTarget> parseInList(byte[] data) throws Malformed {
        if (data.length < 1 || (data[0] & 0xFF) > 2) {
            throw new Malformed(BAD_TARGET_DATA, "NbTg missing or above 2 in " + Pn532Codec.hex(data));
        }
        int count = data[0] & 0xFF;
        List<Iso14443aTarget> out = new ArrayList<>();
        int p = 1;
        for (int t = 0; t < count; t++) {
            if (p + 5 > data.length) {
                throw new Malformed(BAD_TARGET_DATA, "target " + (t + 1) + " cut short: " + Pn532Codec.hex(data));
            }
            int sensRes = (data[p + 1] & 0xFF) << 8 | data[p + 2] & 0xFF;
            int sak = data[p + 3] & 0xFF;
            int uidLength = data[p + 4] & 0xFF;
            if (uidLength != 4 && uidLength != 7 && uidLength != 10) {
                throw new Malformed(BAD_UID_LENGTH, "NFCID length " + uidLength);
            }
            p += 5;
            if (p + uidLength > data.length) {
                throw new Malformed(BAD_TARGET_DATA, "UID cut short: " + Pn532Codec.hex(data));
            }
            byte[] uid = Arrays.copyOfRange(data, p, p + uidLength);
            p += uidLength;
            byte[] ats = new byte[0];
            if ((sak & 0x20) != 0) {
                int atsLength = p < data.length ? data[p] & 0xFF : 0;
                if (atsLength < 1 || p + atsLength > data.length) {
                    throw new Malformed(BAD_TARGET_DATA, "ATS length " + atsLength + " in " + Pn532Codec.hex(data));
                }
                ats = Arrays.copyOfRange(data, p + 1, p + atsLength);
                p += atsLength;
            }
            out.add(new Iso14443aTarget(uid, sensRes, sak, ats));
        }
        if (p != data.length) {
            throw new Malformed(BAD_TARGET_DATA, (data.length - p) + " bytes left over in " + Pn532Codec.hex(data));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Iso14443aTarget t && Arrays.equals(t.uid, uid) && t.sensRes == sensRes
                && t.selRes == selRes && Arrays.equals(t.ats, ats);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(uid) * 31 + sensRes * 7 + selRes;
    }

    @Override
    public String toString() {
        return String.format("Iso14443aTarget[uid=%s atqa=%04X sak=%02X ats=%s]", uidHex(), sensRes, selRes,
                Pn532Codec.hex(ats));
    }
}
