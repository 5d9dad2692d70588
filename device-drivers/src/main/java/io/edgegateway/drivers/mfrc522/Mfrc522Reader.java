package io.edgegateway.drivers.mfrc522;

import static io.edgegateway.drivers.mfrc522.Mfrc522Registers.*;

import io.edgegateway.drivers.DeviceException;
import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.mfrc522.Transceiver.Answer;
import io.edgegateway.drivers.mfrc522.Transceiver.Status;

/**
 * Talks to one MFRC522: initialization after a soft reset, and one UID scan per call (REQA, then the
 * ANTICOLLISION/SELECT cascade through {@link UidAssembler}). It only reports what happened; the driver
 * decides about events, rejects and failures. Not thread-safe.
 */
final class Mfrc522Reader {
    static final String COLLISION = "collision";
    static final String RF_ERROR = "rf-error";
    static final String BAD_ATQA = "bad-atqa";
    static final String TAG_LOST = "tag-lost";

    /**
     * Timer prescaler 0xA9: f_timer = 13.56 MHz / (2 * 169 + 1) = 40 kHz, a 25 us tick (datasheet §8.5).
     * Reload 200 ticks = 5 ms. A tag answers REQA, ANTICOLLISION and SELECT within about 0.1 ms (ISO 14443-3
     * frame delay time, 1236/fc), so 5 ms is ample, and it keeps an empty field cheap to poll.
     */
    static final int T_PRESCALER_VALUE = 0xA9;
    static final int T_RELOAD_VALUE = 200;

    private final RegisterAccess regs;
    private final Transceiver transceiver;

    Mfrc522Reader(RegisterAccess regs, Transceiver transceiver) {
        this.regs = regs;
        this.transceiver = transceiver;
    }

    int version() throws BusException {
        return regs.read(VERSION);
    }

    /**
     * Soft reset, then the settings a UID read needs: 106 kBd without hardware CRC (CRC_A is computed here),
     * the timer started automatically at the end of each transmission (TModeReg TAuto), 100 % ASK (TxASKReg
     * Force100ASK, which ISO 14443 type A requires), the receiver gain, and the antenna drivers on. Reads the
     * last settings back, so a chip that ignores writes (MOSI not connected) is caught here.
     *
     * @param rxGainBits RFCfgReg RxGain value 0..7 (datasheet §9.3.3.6)
     */
    void init(int rxGainBits) throws BusException, DeviceException {
        regs.write(COMMAND, CMD_SOFT_RESET);
        // The reset ends when the oscillator runs again and CommandReg's PowerDown bit clears (§8.8.2).
        int polls = 0;
        while ((regs.read(COMMAND) & POWER_DOWN) != 0) {
            if (++polls >= Transceiver.MAX_POLLS) {
                throw new DeviceException(DeviceException.Kind.TIMEOUT,
                        "MFRC522 did not leave power-down after a soft reset (CommandReg bit 4 stays set)");
            }
        }
        regs.write(TX_MODE, 0x00);
        regs.write(RX_MODE, 0x00);
        regs.write(T_MODE, 0x80);
        regs.write(T_PRESCALER, T_PRESCALER_VALUE);
        regs.write(T_RELOAD_H, T_RELOAD_VALUE >>> 8);
        regs.write(T_RELOAD_L, T_RELOAD_VALUE & 0xFF);
        regs.write(TX_ASK, 0x40);
        // RFCfgReg keeps its reserved low nibble; only RxGain (bits 6..4) changes.
        regs.write(RF_CFG, (regs.read(RF_CFG) & 0x8F) | ((rxGainBits & 0x07) << 4));
        // CollReg ValuesAfterColl = 0: bits received after a collision read as 0, as the anticollision expects.
        regs.write(COLL, regs.read(COLL) & 0x7F);
        regs.write(TX_CONTROL, regs.read(TX_CONTROL) | ANTENNA_ON);
        int txControl = regs.read(TX_CONTROL);
        int tMode = regs.read(T_MODE);
        if ((txControl & ANTENNA_ON) != ANTENNA_ON || tMode != 0x80) {
            throw new DeviceException(DeviceException.Kind.BUS_ERROR, String.format(
                    "MFRC522 ignored register writes (TxControlReg 0x%02X, TModeReg 0x%02X): check MOSI and SCLK",
                    txControl, tMode));
        }
    }

    /** Polls the field once. */
    ScanResult scan() throws BusException {
        // An ACTIVE tag from the previous scan treats REQA as an invalid command and drops to IDLE without
        // answering (ISO 14443-3 §6.2, state diagram), so one silent REQA is followed by a second one.
        Answer atqa = transceiver.transceive(new byte[] {(byte) Iso14443a.REQA}, 7);
        if (atqa.status() == Status.NO_ANSWER) {
            atqa = transceiver.transceive(new byte[] {(byte) Iso14443a.REQA}, 7);
        }
        switch (atqa.status()) {
            case NO_ANSWER:
                return new ScanResult.NoTag();
            case OK:
                break;
            default:
                return problem(atqa, "REQA");
        }
        if (atqa.data().length != 2 || atqa.lastBits() != 0) {
            return new ScanResult.Rejected(BAD_ATQA, "ATQA " + atqa.hex() + " (" + atqa.lastBits() + " last bits)");
        }
        UidAssembler uid = new UidAssembler();
        while (!uid.complete()) {
            Answer cl = transceiver.transceive(uid.anticollisionFrame(), 0);
            if (cl.status() != Status.OK) {
                return problem(cl, "ANTICOLLISION CL" + uid.level());
            }
            String reason = uid.acceptAnticollision(cl.data(), cl.lastBits());
            if (reason != null) {
                return new ScanResult.Rejected(reason, "CL" + uid.level() + " answer " + cl.hex());
            }
            Answer sak = transceiver.transceive(uid.selectFrame(), 0);
            if (sak.status() != Status.OK) {
                return problem(sak, "SELECT CL" + uid.level());
            }
            reason = uid.acceptSelect(sak.data(), sak.lastBits());
            if (reason != null) {
                return new ScanResult.Rejected(reason, "SELECT CL" + uid.level() + " answer " + sak.hex());
            }
        }
        return new ScanResult.Tag(uid.uid(), atqa.data(), uid.sak());
    }

    private static ScanResult problem(Answer a, String step) {
        return switch (a.status()) {
            case COLLISION -> new ScanResult.Rejected(COLLISION, "several tags answered " + step);
            case RF_ERROR -> new ScanResult.Rejected(RF_ERROR,
                    String.format("%s: ErrorReg 0x%02X", step, a.errorReg()));
            case NO_ANSWER -> new ScanResult.Rejected(TAG_LOST, "no answer to " + step + " after ATQA");
            case CHIP_STUCK -> new ScanResult.ChipStuck("no interrupt from the MFRC522 during " + step
                    + ": its timer is not running");
            case OK -> throw new IllegalArgumentException("not a problem: " + a);
        };
    }
}
