package io.edgegateway.drivers.pn532;

import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.RawI2cDevice;

/**
 * PN532 frames over I2C (address {@code 0x24}, PN532 user manual UM0701). A command frame is one write transaction.
 * Every read transaction starts with a status byte, {@code 01} when the chip has a frame ready and
 * {@code 00} while it is busy, followed by the frame; the read length must be chosen up front, so the
 * driver reads 6 bytes after the status when it waits for an ACK and {@link #RESPONSE_READ} when it waits
 * for a response (longer than any answer to the commands used, including a 10-byte UID with an ATS). Each
 * read is a fresh look at the chip's output buffer, so the decoder is reset before every ready read.
 */
final class I2cTransport implements Pn532Transport {
    static final int RESPONSE_READ = 80;
    private final RawI2cDevice device;
    private final byte[] readBuffer = new byte[1 + RESPONSE_READ];

    I2cTransport(RawI2cDevice device) {
        this.device = device;
    }

    @Override
    public void send(byte[] frame) throws BusException {
        device.write(frame, 0, frame.length);
    }

    @Override
    public void receive(Pn532FrameDecoder decoder, Pn532FrameDecoder.Listener listener, boolean expectAck)
            throws BusException {
        int length = 1 + (expectAck ? Pn532Codec.ACK.length : RESPONSE_READ);
        device.read(readBuffer, 0, length);
        if ((readBuffer[0] & 0x01) == 0) {
            return;
        }
        decoder.reset();
        decoder.feed(readBuffer, 1, length - 1, listener);
    }

    @Override
    public void wakeOnNextSend() {
        // I2C wakes the PN532 by its address match; nothing to send.
    }

    @Override
    public void close() {
        device.close();
    }
}
