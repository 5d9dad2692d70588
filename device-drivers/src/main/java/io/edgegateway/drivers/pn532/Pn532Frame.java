package io.edgegateway.drivers.pn532;

import java.util.Arrays;

/**
 * A frame received from a PN532 (UM0701 §6.2.1): an ACK confirming a command was understood, a NACK asking
 * the host to repeat, an error frame (syntax error in the host's frame), or a normal information frame
 * carrying a response (TFI {@code D5}, response code = command code + 1, data).
 */
public sealed interface Pn532Frame {
    /** {@code 00 00 FF 00 FF 00}. */
    record Ack() implements Pn532Frame {
    }

    /** {@code 00 00 FF FF 00 00}. */
    record Nack() implements Pn532Frame {
    }

    /** {@code 00 00 FF 01 FF 7F 81 00}: the PN532 found a syntax error in the host's frame. */
    record ErrorFrame() implements Pn532Frame {
    }

    /** A response: {@code code} is the response code (command + 1), {@code data} the bytes after it. */
    record Response(int code, byte[] data) implements Pn532Frame {
        public Response {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Response r && r.code == code && Arrays.equals(r.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * code + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return String.format("Response[%02X %s]", code, Pn532Codec.hex(data));
        }
    }
}
