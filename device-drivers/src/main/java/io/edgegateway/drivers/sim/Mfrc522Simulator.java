package io.edgegateway.drivers.sim;

import io.edgegateway.drivers.Scheduler;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.SpiDevice;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * An NXP MFRC522 at the SPI byte level, with ISO 14443A tags in its field. It decodes address bytes exactly as
 * the datasheet §8.1.2.3 describes (bit 7 read, bits 6..1 register), keeps a 64-register map and the 64-byte
 * FIFO, and implements the commands a UID reader uses: SoftReset (registers back to their reset values),
 * Idle, and Transceive, which on StartSend hands the FIFO contents to the tags and puts their answer in the
 * FIFO with RxIRq, or raises TimerIRq when nobody answers. Each tag runs the ISO 14443-3 state machine (IDLE,
 * READY per cascade level, ACTIVE, HALT), answers REQA/WUPA with ATQA, ANTICOLLISION with its cascade-level
 * bytes and BCC, and SELECT (checking the CRC_A and the UID) with SAK and CRC_A. Several different tags
 * answering at once produce CollErr with CollReg's position, as on air.
 *
 * <p>Written from the datasheet and the standard, independently of the driver's code, so that the driver is
 * tested against the rules and not against itself. Faults: a tag with a wrong BCC or SAK CRC, RF noise (a
 * parity error on the next answers), an unplugged module (MISO reads 0x00, as the Pi's GPIO9 pull-down
 * makes it), SPI transfers that throw, a chip whose IRQs never come, a chosen VersionReg, and a mutator applied
 * to every tag answer. Thread-safe: the driver polls from a scheduler thread while a test moves tags.
 */
public final class Mfrc522Simulator implements SpiDevice {
    private static final int COMMAND = 0x01;
    private static final int COM_IRQ = 0x04;
    private static final int DIV_IRQ = 0x05;
    private static final int ERROR = 0x06;
    private static final int FIFO_DATA = 0x09;
    private static final int FIFO_LEVEL = 0x0A;
    private static final int CONTROL = 0x0C;
    private static final int BIT_FRAMING = 0x0D;
    private static final int COLL = 0x0E;
    private static final int TX_CONTROL = 0x14;
    private static final int VERSION = 0x37;
    private static final int CMD_IDLE = 0x0;
    private static final int CMD_TRANSCEIVE = 0xC;
    private static final int CMD_SOFT_RESET = 0xF;

    /** A tag: its UID (4, 7 or 10 bytes), ATQA as sent (2 bytes), final SAK, and its own faults. */
    public record Tag(byte[] uid, byte[] atqa, int sak, boolean badBcc, boolean badSakCrc) {
        public Tag {
            if (uid.length != 4 && uid.length != 7 && uid.length != 10) {
                throw new IllegalArgumentException("ISO 14443A UIDs have 4, 7 or 10 bytes, not " + uid.length);
            }
            uid = uid.clone();
            atqa = atqa.clone();
        }

        /** MIFARE Classic 1K: 4-byte UID, ATQA 04 00, SAK 08. */
        public static Tag mifareClassic1k(int... uid) {
            return new Tag(bytes(uid), bytes(0x04, 0x00), 0x08, false, false);
        }

        /** NTAG213 / Ultralight: 7-byte UID, ATQA 44 00, SAK 00. */
        public static Tag ntag213(int... uid) {
            return new Tag(bytes(uid), bytes(0x44, 0x00), 0x00, false, false);
        }

        /** A tag with a 10-byte UID (triple size, ATQA bits 7..6 = 10), SAK 20 (ISO 14443-4). */
        public static Tag tripleSize(int... uid) {
            return new Tag(bytes(uid), bytes(0x84, 0x00), 0x20, false, false);
        }

        public Tag withBadBcc() {
            return new Tag(uid, atqa, sak, true, badSakCrc);
        }

        public Tag withBadSakCrc() {
            return new Tag(uid, atqa, sak, badBcc, true);
        }

        /** The UID as upper-case hex, as the driver reports it. */
        public String uidHex() {
            StringBuilder sb = new StringBuilder();
            for (byte b : uid) {
                sb.append(String.format("%02X", b & 0xFF));
            }
            return sb.toString();
        }

        int levels() {
            return uid.length == 4 ? 1 : uid.length == 7 ? 2 : 3;
        }

        /** Cascade level {@code level} (0-based) bytes: 0x88 + 3 UID bytes for all but the last level. */
        byte[] cascadeBytes(int level) {
            byte[] b = new byte[5];
            boolean last = level == levels() - 1;
            int start = level * 3;
            if (last) {
                System.arraycopy(uid, start, b, 0, 4);
            } else {
                b[0] = (byte) 0x88;
                System.arraycopy(uid, start, b, 1, 3);
            }
            b[4] = (byte) (b[0] ^ b[1] ^ b[2] ^ b[3]);
            return b;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tag t && Arrays.equals(t.uid, uid) && Arrays.equals(t.atqa, atqa) && t.sak == sak
                    && t.badBcc == badBcc && t.badSakCrc == badSakCrc;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(uid), Arrays.hashCode(atqa), sak, badBcc, badSakCrc);
        }

        @Override
        public String toString() {
            return "Tag{" + uidHex() + (badBcc ? ", bad BCC" : "") + (badSakCrc ? ", bad SAK CRC" : "") + "}";
        }
    }

    private final byte[] regs = new byte[64];
    private final Deque<Byte> fifo = new ArrayDeque<>();
    private final List<Mfrc522SimPicc> field = new ArrayList<>();
    private final Deque<String> frames = new ArrayDeque<>();
    private int version = 0x92;
    private int command = CMD_IDLE;
    private boolean unplugged;
    private boolean transfersFail;
    private boolean stuck;
    private int noisyAnswers;
    private UnaryOperator<byte[]> mutator = UnaryOperator.identity();
    private long transfers;

    public Mfrc522Simulator() {
        reset();
    }

    // ---- the test's (or --simulate's) side ----

    /** Puts tags into the field (each starts in IDLE, as after power-up by the field). */
    public synchronized void present(Tag... tags) {
        for (Tag t : tags) {
            field.add(new Mfrc522SimPicc(t));
        }
    }

    /** Takes every tag out of the field. */
    public synchronized void clearField() {
        field.clear();
    }

    /** VersionReg value, 0x92 by default (MFRC522 v2.0). */
    public synchronized void setVersion(int value) {
        version = value & 0xFF;
    }

    /** Unplugged: MISO stays low, so every read returns 0x00 and writes go nowhere. */
    public synchronized void setUnplugged(boolean value) {
        unplugged = value;
    }

    /** Every transfer throws, as when the SPI device node vanished. */
    public synchronized void setTransfersFail(boolean value) {
        transfersFail = value;
    }

    /** The chip stops raising interrupts: Transceive never sets RxIRq or TimerIRq. */
    public synchronized void setStuck(boolean value) {
        stuck = value;
    }

    /** The next {@code count} tag answers arrive with a parity error (ErrorReg ParityErr, garbled FIFO). */
    public synchronized void addRfNoise(int count) {
        noisyAnswers += count;
    }

    /** Applied to each tag answer before it enters the FIFO; identity by default. */
    public synchronized void setAnswerMutator(UnaryOperator<byte[]> value) {
        mutator = Objects.requireNonNull(value);
    }

    /** The last frames the driver transmitted, oldest first, as hex with the bit count of the last byte. */
    public synchronized List<String> recentFrames() {
        return List.copyOf(frames);
    }

    public synchronized long transfers() {
        return transfers;
    }

    /**
     * Realistic traffic for simulate mode: a tag drawn at random from {@code tags} is held on the reader for
     * {@code holdMillis}, then the field stays empty for a random time up to {@code maxGapMillis}; repeats
     * until the returned handle is cancelled.
     */
    public Scheduler.Cancellable scheduleScans(Scheduler scheduler, List<Tag> tags, long holdMillis,
                                               long maxGapMillis, RandomGenerator random) {
        List<Tag> pool = List.copyOf(tags);
        boolean[] cancelled = {false};
        Runnable[] cycle = new Runnable[1];
        cycle[0] = () -> {
            if (cancelled[0]) {
                return;
            }
            present(pool.get(random.nextInt(pool.size())));
            scheduler.schedule(() -> {
                clearField();
                scheduler.schedule(cycle[0], 1 + random.nextLong(Math.max(1, maxGapMillis)));
            }, holdMillis);
        };
        scheduler.schedule(cycle[0], 1 + random.nextLong(Math.max(1, maxGapMillis)));
        return () -> cancelled[0] = true;
    }

    // ---- the SPI side ----

    @Override
    public synchronized void transfer(byte[] tx, byte[] rx, int length) throws BusException {
        transfers++;
        if (transfersFail) {
            throw new BusException("simulated SPI failure");
        }
        Arrays.fill(rx, 0, length, (byte) 0);
        if (unplugged || length < 1) {
            return;
        }
        int first = tx[0] & 0xFF;
        if ((first & 0x80) != 0) {
            // Read: each address byte clocks out the value of the register the previous byte addressed.
            for (int i = 0; i + 1 < length; i++) {
                rx[i + 1] = (byte) readRegister((tx[i] >> 1) & 0x3F);
            }
        } else {
            int reg = (first >> 1) & 0x3F;
            for (int i = 1; i < length; i++) {
                writeRegister(reg, tx[i] & 0xFF);
            }
        }
    }

    @Override
    public void close() {
        // The simulated chip stays as it is; a restarted driver finds it again, like a real module.
    }

    private int readRegister(int reg) {
        return switch (reg) {
            case FIFO_DATA -> fifo.isEmpty() ? 0 : fifo.removeFirst() & 0xFF;
            case FIFO_LEVEL -> Math.min(fifo.size(), 64);
            case VERSION -> version;
            case COMMAND -> (regs[COMMAND] & 0xF0) | command;
            default -> regs[reg] & 0xFF;
        };
    }

    private void writeRegister(int reg, int value) {
        switch (reg) {
            case COMMAND -> command(value);
            case COM_IRQ, DIV_IRQ -> {
                // Bit 7 (Set1) decides whether the marked bits are set or cleared (§9.3.1.5).
                int mask = value & 0x7F;
                regs[reg] = (byte) ((value & 0x80) != 0 ? regs[reg] | mask : regs[reg] & ~mask);
            }
            case FIFO_DATA -> {
                if (fifo.size() < 64) {
                    fifo.addLast((byte) value);
                } else {
                    regs[ERROR] |= 0x10; // BufferOvfl
                }
            }
            case FIFO_LEVEL -> {
                if ((value & 0x80) != 0) {
                    fifo.clear();
                    regs[ERROR] &= ~0x10;
                }
            }
            case ERROR, VERSION -> {
                // read-only
            }
            case CONTROL -> regs[CONTROL] = (byte) ((value & 0xF8) | (regs[CONTROL] & 0x07));
            case BIT_FRAMING -> {
                regs[BIT_FRAMING] = (byte) (value & 0x7F);
                if ((value & 0x80) != 0 && command == CMD_TRANSCEIVE) {
                    transmit(value & 0x07);
                }
            }
            default -> regs[reg] = (byte) value;
        }
    }

    private void command(int value) {
        regs[COMMAND] = (byte) (value & 0x30);
        int cmd = value & 0x0F;
        if (cmd == CMD_SOFT_RESET) {
            reset();
            return;
        }
        command = cmd;
    }

    /** Reset values from the datasheet's register tables (§9.3); VersionReg is fixed in silicon. */
    private void reset() {
        Arrays.fill(regs, (byte) 0);
        fifo.clear();
        command = CMD_IDLE;
        regs[COMMAND] = 0x20;
        regs[0x02] = (byte) 0x80;
        regs[COM_IRQ] = 0x14;
        regs[0x07] = 0x21;
        regs[0x0B] = 0x08;
        regs[CONTROL] = 0x10;
        regs[COLL] = (byte) 0xA0;
        regs[0x11] = 0x3F;
        regs[TX_CONTROL] = (byte) 0x80;
        regs[0x26] = 0x48;
        regs[0x24] = 0x26;
    }

    // ---- the air side ----

    private void transmit(int txLastBits) {
        byte[] frame = new byte[fifo.size()];
        int i = 0;
        for (Byte b : fifo) {
            frame[i++] = b;
        }
        fifo.clear();
        regs[ERROR] = 0;
        regs[CONTROL] &= ~0x07;
        regs[COLL] = (byte) ((regs[COLL] & 0x80) | 0x20); // CollPosNotValid until a collision says otherwise
        record(frame, txLastBits);
        if (stuck) {
            return;
        }
        regs[COM_IRQ] |= 0x40; // TxIRq
        boolean antennaOn = (regs[TX_CONTROL] & 0x03) == 0x03;
        List<byte[]> answers = new ArrayList<>();
        if (antennaOn) {
            for (Mfrc522SimPicc p : field) {
                byte[] a = p.receive(frame, txLastBits);
                if (a != null) {
                    answers.add(mutator.apply(a.clone()));
                }
            }
        }
        if (answers.isEmpty()) {
            regs[COM_IRQ] |= 0x01; // TimerIRq: TAuto timer ran out without a start of reception
            return;
        }
        byte[] received = combine(answers);
        if (noisyAnswers > 0) {
            noisyAnswers--;
            regs[ERROR] |= 0x02; // ParityErr
            regs[COM_IRQ] |= 0x02; // ErrIRq
            for (int k = 0; k < received.length; k++) {
                received[k] ^= (byte) 0x5A;
            }
        }
        for (byte b : received) {
            if (fifo.size() < 64) {
                fifo.addLast(b);
            } else {
                regs[ERROR] |= 0x10;
            }
        }
        regs[COM_IRQ] |= 0x20; // RxIRq
    }

    /**
     * What the receiver decodes when several tags answer at once: Manchester coding makes a bit where answers
     * differ a collision (§8.4, CollReg). The first such bit sets CollErr and CollPos (1-based); with
     * ValuesAfterColl = 0 the bits from there on read as 0.
     */
    private byte[] combine(List<byte[]> answers) {
        byte[] first = answers.get(0);
        int len = answers.stream().mapToInt(a -> a.length).max().orElse(0);
        byte[] out = Arrays.copyOf(first, len);
        int collisionBit = -1;
        for (int bit = 0; bit < len * 8 && collisionBit < 0; bit++) {
            for (byte[] a : answers) {
                int v = bit / 8 < a.length ? (a[bit / 8] >> (bit % 8)) & 1 : -1;
                int f = bit / 8 < first.length ? (first[bit / 8] >> (bit % 8)) & 1 : -1;
                if (v != f) {
                    collisionBit = bit;
                    break;
                }
            }
        }
        if (collisionBit < 0) {
            return out;
        }
        regs[ERROR] |= 0x08; // CollErr
        regs[COM_IRQ] |= 0x02; // ErrIRq
        regs[COLL] = (byte) ((regs[COLL] & 0x80) | ((collisionBit + 1) & 0x1F));
        if ((regs[COLL] & 0x80) == 0) {
            for (int bit = collisionBit; bit < len * 8; bit++) {
                out[bit / 8] &= (byte) ~(1 << (bit % 8));
            }
        }
        return out;
    }

    private void record(byte[] frame, int txLastBits) {
        StringBuilder sb = new StringBuilder();
        for (byte b : frame) {
            sb.append(String.format("%02X", b & 0xFF));
        }
        sb.append('/').append(txLastBits == 0 ? 8 : txLastBits);
        frames.addLast(sb.toString());
        if (frames.size() > 64) {
            frames.removeFirst();
        }
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
