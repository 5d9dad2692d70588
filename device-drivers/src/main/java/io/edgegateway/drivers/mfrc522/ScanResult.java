package io.edgegateway.drivers.mfrc522;

/**
 * The outcome of one poll of the field: no tag, a tag with its complete UID, an answer that was rejected (with
 * a reject reason and a detail for the log), or a chip that stopped raising interrupts.
 */
sealed interface ScanResult {
    /** Nobody answered REQA. */
    record NoTag() implements ScanResult {
    }

    /** A tag went through every cascade level; {@code atqa} is the two ATQA bytes as received. */
    record Tag(byte[] uid, byte[] atqa, int sak) implements ScanResult {
        public Tag {
            uid = uid.clone();
            atqa = atqa.clone();
        }

        String uidHex() {
            return UidAssembler.hex(uid);
        }
    }

    /** Something answered, but not with a frame that may become an event. */
    record Rejected(String reason, String detail) implements ScanResult {
    }

    /** ComIrqReg never showed an answer or a timer expiry: the chip is not working. */
    record ChipStuck(String detail) implements ScanResult {
    }
}
