package io.edgegateway.drivers.sim;

import io.edgegateway.drivers.sim.Mfrc522Simulator.Tag;
import java.util.Arrays;

/**
 * One simulated ISO 14443A tag in the reader's field, with the state machine of ISO 14443-3 §6.2: IDLE, READY
 * (per cascade level), ACTIVE and HALT. It answers REQA/WUPA with ATQA, ANTICOLLISION with its cascade-level
 * bytes and BCC, SELECT (after checking CRC_A and all five bytes) with SAK and CRC_A, and goes quiet on HLTA.
 * Any frame that is not valid in its state sends it back to IDLE. Used only by {@link Mfrc522Simulator}, which
 * serializes access.
 */
final class Mfrc522SimPicc {
    private enum State { IDLE, READY, ACTIVE, HALT }

    private final Tag tag;
    private State state = State.IDLE;
    private int level;

    Mfrc522SimPicc(Tag tag) {
        this.tag = tag;
    }

    /** Returns the answer bytes, or null when the tag stays silent. */
    byte[] receive(byte[] f, int txLastBits) {
        if (txLastBits == 7 && f.length == 1 && (f[0] == 0x26 || f[0] == 0x52)) {
            boolean wakes = state == State.IDLE || (f[0] == 0x52 && state == State.HALT);
            if (wakes) {
                state = State.READY;
                level = 0;
                return tag.atqa();
            }
            return unexpected();
        }
        if (txLastBits != 0 || f.length < 2) {
            return unexpected();
        }
        int sel = f[0] & 0xFF;
        int nvb = f[1] & 0xFF;
        if (sel == 0x50 && f.length == 4 && nvb == 0 && crcA(f, 2) == crcOf(f, 2)) {
            if (state == State.ACTIVE) {
                state = State.HALT;
                return null;
            }
            return unexpected();
        }
        if (state != State.READY || sel != 0x93 + 2 * level) {
            return unexpected();
        }
        byte[] cl = tag.cascadeBytes(level);
        if (nvb == 0x20 && f.length == 2) {
            if (tag.badBcc()) {
                cl[4] ^= 0x01;
            }
            return cl;
        }
        if (nvb == 0x70 && f.length == 9 && crcA(f, 7) == crcOf(f, 7)
                && Arrays.equals(Arrays.copyOfRange(f, 2, 7), cl)) {
            boolean last = level == tag.levels() - 1;
            int sak = last ? tag.sak() : 0x04;
            if (last) {
                state = State.ACTIVE;
            } else {
                level++;
            }
            int crc = crcA(new byte[] {(byte) sak}, 1);
            if (tag.badSakCrc()) {
                crc ^= 0x0100;
            }
            return bytes(sak, crc & 0xFF, crc >>> 8);
        }
        if (nvb == 0x70 && f.length == 9 && crcA(f, 7) == crcOf(f, 7)) {
            return null; // a SELECT for another tag: this one is not chosen and keeps waiting in READY
        }
        return unexpected();
    }

    /** Any frame not valid in the current state sends the tag back to IDLE (HALT stays HALT). */
    private byte[] unexpected() {
        if (state != State.HALT) {
            state = State.IDLE;
        }
        return null;
    }

    private static int crcOf(byte[] f, int at) {
        return (f[at] & 0xFF) | (f[at + 1] & 0xFF) << 8;
    }

    /** CRC_A of ISO 14443-3 Annex B: reflected CCITT polynomial, preset 0x6363, low byte sent first. */
    private static int crcA(byte[] data, int len) {
        int crc = 0x6363;
        for (int i = 0; i < len; i++) {
            int b = (data[i] ^ crc) & 0xFF;
            b = (b ^ (b << 4)) & 0xFF;
            crc = ((crc >> 8) ^ (b << 8) ^ (b << 3) ^ (b >> 4)) & 0xFFFF;
        }
        return crc;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
