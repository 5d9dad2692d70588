package io.edgegateway.drivers.mfrc522;

import static io.edgegateway.drivers.mfrc522.Mfrc522Registers.*;

import io.edgegateway.drivers.Clock;
import io.edgegateway.drivers.bus.BusException;

/**
 * One Transceive command (datasheet §10.3.1.8): the frame goes into the FIFO, the chip sends it, its timer
 * (armed with TAuto at init) runs from the end of transmission, and the answer lands in the FIFO. The outcome
 * comes from ComIrqReg (RxIRq/IdleIRq = answer, TimerIRq = nobody answered) and ErrorReg. The chip's timer is
 * the real timeout; the poll limit here only catches a chip that stopped working, so that a dead module
 * cannot hang the scheduler thread.
 */
final class Transceiver {
    /** How long to poll ComIrqReg before declaring the chip stuck: four times the 5 ms chip timer. */
    static final long STUCK_AFTER_NANOS = 20_000_000L;
    /** Poll bound independent of the clock, so a clock that does not move (tests) still ends the loop. */
    static final int MAX_POLLS = 2_000;

    /** How a Transceive ended. */
    enum Status { OK, NO_ANSWER, COLLISION, RF_ERROR, CHIP_STUCK }

    /**
     * The chip's report: status, received bytes, the number of valid bits in the last byte (0 = all 8) and the
     * raw ErrorReg for log details.
     */
    record Answer(Status status, byte[] data, int lastBits, int errorReg) {
        Answer {
            data = data.clone();
        }

        static Answer of(Status status, int errorReg) {
            return new Answer(status, new byte[0], 0, errorReg);
        }

        String hex() {
            return UidAssembler.hex(data);
        }
    }

    private final RegisterAccess regs;
    private final Clock clock;

    Transceiver(RegisterAccess regs, Clock clock) {
        this.regs = regs;
        this.clock = clock;
    }

    /**
     * Sends {@code frame}; {@code txLastBits} is the number of bits of the last byte to send (0 = all 8, 7 for
     * the REQA short frame).
     */
    Answer transceive(byte[] frame, int txLastBits) throws BusException {
        regs.write(COMMAND, CMD_IDLE);
        regs.write(COM_IRQ, IRQ_CLEAR_ALL);
        regs.write(FIFO_LEVEL, FLUSH_BUFFER);
        regs.writeRepeated(FIFO_DATA, frame);
        regs.write(BIT_FRAMING, txLastBits & 0x07);
        regs.write(COMMAND, CMD_TRANSCEIVE);
        regs.write(BIT_FRAMING, START_SEND | (txLastBits & 0x07));
        try {
            int irq = waitForIrq();
            if (irq < 0) {
                return Answer.of(Status.CHIP_STUCK, 0);
            }
            if ((irq & (IRQ_RX | IRQ_IDLE | IRQ_ERR)) == 0) {
                return Answer.of(Status.NO_ANSWER, 0);
            }
            int error = regs.read(ERROR);
            if ((error & ERR_HARD) != 0) {
                return Answer.of(Status.RF_ERROR, error);
            }
            int level = regs.read(FIFO_LEVEL) & 0x7F;
            if (level > FIFO_SIZE) {
                return Answer.of(Status.RF_ERROR, error);
            }
            byte[] data = level == 0 ? new byte[0] : regs.readRepeated(FIFO_DATA, level);
            int lastBits = regs.read(CONTROL) & RX_LAST_BITS;
            Status status = (error & ERR_COLL) != 0 ? Status.COLLISION : Status.OK;
            return new Answer(status, data, lastBits, error);
        } finally {
            // Leave the chip idle so a half-finished receive cannot fill the FIFO behind our back.
            regs.write(COMMAND, CMD_IDLE);
        }
    }

    /**
     * Polls ComIrqReg until an answer (RxIRq, IdleIRq, or ErrIRq for a garbled one) or the timer (TimerIRq)
     * shows up; returns the IRQ bits, with only TimerIRq meaning "no answer", or -1 when neither appeared.
     */
    private int waitForIrq() throws BusException {
        long deadline = clock.monotonicNanos() + STUCK_AFTER_NANOS;
        for (int i = 0; i < MAX_POLLS; i++) {
            int irq = regs.read(COM_IRQ);
            if ((irq & (IRQ_RX | IRQ_IDLE | IRQ_ERR)) != 0) {
                return irq;
            }
            if ((irq & IRQ_TIMER) != 0) {
                return IRQ_TIMER;
            }
            if (clock.monotonicNanos() - deadline > 0) {
                break;
            }
        }
        return -1;
    }
}
