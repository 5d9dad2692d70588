package io.edgegateway.drivers.pn532;

import io.edgegateway.drivers.bus.BusException;
import io.edgegateway.drivers.bus.SerialLink;

/**
 * PN532 frames over its high-speed UART. The chip starts in LowVbat mode and sleeps until it sees the wake-up
 * sequence ({@link Pn532Codec#HSU_WAKE_UP}), which is sent glued to the front of the next frame, as in the
 * published libnfc trace: the zeros merge with the frame's own preamble. Received bytes are a stream, so one
 * decoder keeps its state across reads.
 */
final class HsuTransport implements Pn532Transport {
    private final SerialLink link;
    private final byte[] readBuffer = new byte[256];
    private boolean wake = true;

    HsuTransport(SerialLink link) {
        this.link = link;
    }

    @Override
    public void send(byte[] frame) throws BusException {
        if (wake) {
            byte[] out = new byte[Pn532Codec.HSU_WAKE_UP.length + frame.length];
            System.arraycopy(Pn532Codec.HSU_WAKE_UP, 0, out, 0, Pn532Codec.HSU_WAKE_UP.length);
            System.arraycopy(frame, 0, out, Pn532Codec.HSU_WAKE_UP.length, frame.length);
            link.write(out, 0, out.length);
            wake = false;
        } else {
            link.write(frame, 0, frame.length);
        }
    }

    @Override
    public void receive(Pn532FrameDecoder decoder, Pn532FrameDecoder.Listener listener, boolean expectAck)
            throws BusException {
        for (int total = 0; total < 4 * readBuffer.length; ) {
            int n = link.read(readBuffer, 0, readBuffer.length, 0);
            if (n <= 0) {
                return;
            }
            total += n;
            decoder.feed(readBuffer, 0, n, listener);
        }
    }

    @Override
    public void wakeOnNextSend() {
        wake = true;
    }

    @Override
    public void close() {
        link.close();
    }
}
