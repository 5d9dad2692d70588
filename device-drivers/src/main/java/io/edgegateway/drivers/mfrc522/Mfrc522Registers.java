package io.edgegateway.drivers.mfrc522;

/**
 * Register addresses, commands and bit masks of the MFRC522 used by this driver, as listed in the NXP
 * datasheet §9.2 (register overview) and §10.3 (command set). Addresses are the unshifted 6-bit values; the
 * SPI address byte is built by {@link RegisterAccess}.
 */
final class Mfrc522Registers {
    static final int COMMAND = 0x01;
    static final int COM_IRQ = 0x04;
    static final int ERROR = 0x06;
    static final int FIFO_DATA = 0x09;
    static final int FIFO_LEVEL = 0x0A;
    static final int CONTROL = 0x0C;
    static final int BIT_FRAMING = 0x0D;
    static final int COLL = 0x0E;
    static final int MODE = 0x11;
    static final int TX_MODE = 0x12;
    static final int RX_MODE = 0x13;
    static final int TX_CONTROL = 0x14;
    static final int TX_ASK = 0x15;
    static final int RF_CFG = 0x26;
    static final int T_MODE = 0x2A;
    static final int T_PRESCALER = 0x2B;
    static final int T_RELOAD_H = 0x2C;
    static final int T_RELOAD_L = 0x2D;
    static final int VERSION = 0x37;

    /** CommandReg[3:0] commands (§10.3). */
    static final int CMD_IDLE = 0x0;
    static final int CMD_TRANSCEIVE = 0xC;
    static final int CMD_SOFT_RESET = 0xF;
    /** CommandReg bit 4: set while the chip is (still) powered down, e.g. during the soft reset. */
    static final int POWER_DOWN = 0x10;

    /** ComIrqReg bits (§9.3.1.5); writing with bit 7 (Set1) clear clears the marked bits. */
    static final int IRQ_RX = 0x20;
    static final int IRQ_IDLE = 0x10;
    static final int IRQ_ERR = 0x02;
    static final int IRQ_TIMER = 0x01;
    static final int IRQ_CLEAR_ALL = 0x7F;

    /** ErrorReg bits (§9.3.1.7). BufferOvfl, ParityErr and ProtocolErr abort a frame; CollErr is resolvable. */
    static final int ERR_BUFFER_OVFL = 0x10;
    static final int ERR_COLL = 0x08;
    static final int ERR_CRC = 0x04;
    static final int ERR_PARITY = 0x02;
    static final int ERR_PROTOCOL = 0x01;
    static final int ERR_HARD = ERR_BUFFER_OVFL | ERR_PARITY | ERR_PROTOCOL;

    /** FIFOLevelReg bit 7: FlushBuffer. */
    static final int FLUSH_BUFFER = 0x80;
    /** BitFramingReg bit 7: StartSend, starts the transmission of a Transceive. */
    static final int START_SEND = 0x80;
    /** ControlReg[2:0]: number of valid bits in the last received byte, 0 = all eight. */
    static final int RX_LAST_BITS = 0x07;
    /** TxControlReg bits 1..0: Tx2RFEn and Tx1RFEn, the antenna drivers. */
    static final int ANTENNA_ON = 0x03;

    /** The FIFO holds 64 bytes (§8.3.1); a FIFOLevelReg value above that is not a real chip talking. */
    static final int FIFO_SIZE = 64;

    private Mfrc522Registers() {
    }
}
