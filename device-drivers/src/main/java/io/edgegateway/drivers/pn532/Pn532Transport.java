package io.edgegateway.drivers.pn532;

import io.edgegateway.drivers.bus.BusException;

/**
 * How frames get to and from a PN532: over the UART (HSU) or I2C. The driver's exchange logic is the same for
 * both; only the byte transport differs (a wake-up preamble on HSU, a ready-status byte before every I2C
 * read). Used from the driver's scheduler task only.
 */
interface Pn532Transport extends AutoCloseable {
    void send(byte[] frame) throws BusException;

    /**
     * Reads what the PN532 has for the host, if anything, into {@code decoder}.
     *
     * @param expectAck whether an ACK (6 bytes) or a response is expected, which sizes the I2C read
     */
    void receive(Pn532FrameDecoder decoder, Pn532FrameDecoder.Listener listener, boolean expectAck)
            throws BusException;

    /** Makes the next {@link #send} wake the chip first (after open and after it stopped answering). */
    void wakeOnNextSend();

    @Override
    void close();
}
