package io.edgegateway.drivers.mfrc522;

import java.io.ByteArrayOutputStream;

/**
 * Builds a tag's UID from the answers of the ISO 14443-3 cascade (§6.5.3): per level it produces the
 * ANTICOLLISION and SELECT frames and checks the answers. An ANTICOLLISION answer must be five whole bytes
 * whose XOR is zero (four UID bytes plus BCC); if the first is the cascade tag 0x88 it carries only three UID
 * bytes and another level follows (7-byte UIDs use two levels, 10-byte UIDs three). A SELECT answer is SAK
 * plus CRC_A, and SAK's cascade bit must agree with the cascade tag. Pure and single-use: one instance per
 * scan; a check that fails returns a reject reason and the assembler must not be fed further.
 */
final class UidAssembler {
    static final String BAD_LENGTH = "bad-length";
    static final String BCC_MISMATCH = "bcc-mismatch";
    static final String CRC_ERROR = "crc-error";
    static final String SAK_MISMATCH = "sak-mismatch";

    private final ByteArrayOutputStream uid = new ByteArrayOutputStream(10);
    private int level;
    private byte[] levelAnswer;
    private boolean complete;
    private int sak;

    /** Cascade level in use, 1 to 3. */
    int level() {
        return level + 1;
    }

    boolean complete() {
        return complete;
    }

    /** The ANTICOLLISION command of the current level: SEL and NVB 0x20 (no UID bits known yet). */
    byte[] anticollisionFrame() {
        return new byte[] {(byte) Iso14443a.SEL[level], (byte) Iso14443a.NVB_ANTICOLLISION};
    }

    /**
     * Checks an ANTICOLLISION answer; returns {@code null} if it is a well-formed UID part, else the reject
     * reason.
     */
    String acceptAnticollision(byte[] answer, int lastBits) {
        if (answer.length != 5 || lastBits != 0) {
            return BAD_LENGTH;
        }
        if (Iso14443a.bcc(answer, 0) != (answer[4] & 0xFF)) {
            return BCC_MISMATCH;
        }
        levelAnswer = answer.clone();
        return null;
    }

    /** The SELECT command of the current level: SEL, NVB 0x70, the five bytes just received, CRC_A. */
    byte[] selectFrame() {
        if (levelAnswer == null) {
            throw new IllegalStateException("no anticollision answer accepted at level " + level());
        }
        byte[] frame = new byte[7];
        frame[0] = (byte) Iso14443a.SEL[level];
        frame[1] = (byte) Iso14443a.NVB_SELECT;
        System.arraycopy(levelAnswer, 0, frame, 2, 5);
        return Iso14443a.withCrc(frame);
    }

    /**
     * Checks a SELECT answer (SAK, CRC_A) and moves to the next level or completes the UID; returns
     * {@code null} on success, else the reject reason.
     */
    String acceptSelect(byte[] answer, int lastBits) {
        if (answer.length != 3 || lastBits != 0) {
            return BAD_LENGTH;
        }
        if (!Iso14443a.crcOk(answer)) {
            return CRC_ERROR;
        }
        int s = answer[0] & 0xFF;
        boolean cascadeTag = (levelAnswer[0] & 0xFF) == Iso14443a.CASCADE_TAG;
        boolean sakSaysMore = (s & Iso14443a.SAK_CASCADE) != 0;
        if (cascadeTag != sakSaysMore || (cascadeTag && level == 2)) {
            return SAK_MISMATCH;
        }
        if (cascadeTag) {
            uid.write(levelAnswer, 1, 3);
            level++;
            levelAnswer = null;
        } else {
            uid.write(levelAnswer, 0, 4);
            sak = s;
            complete = true;
        }
        return null;
    }

    /** The complete UID (4, 7 or 10 bytes). */
    byte[] uid() {
        if (!complete) {
            throw new IllegalStateException("UID not complete");
        }
        return uid.toByteArray();
    }

    /** The final level's SAK. */
    int sak() {
        return sak;
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(String.format("%02X", b & 0xFF));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "UidAssembler{level " + level() + ", uid so far " + hex(uid.toByteArray()) + ", answer "
                + (levelAnswer == null ? "-" : hex(levelAnswer)) + "}" + (complete ? " complete" : "");
    }
}
