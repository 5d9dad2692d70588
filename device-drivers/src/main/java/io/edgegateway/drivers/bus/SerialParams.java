package io.edgegateway.drivers.bus;

/**
 * UART framing: baud rate, data bits, parity and stop bits. Almost every sensor uses 8N1, so
 * {@link #of8N1(int)} is the usual way to build one.
 */
public record SerialParams(int baud, int dataBits, Parity parity, int stopBits) {
    /** Parity bit mode. */
    public enum Parity { NONE, EVEN, ODD }

    public SerialParams {
        if (baud <= 0 || dataBits < 5 || dataBits > 8 || stopBits < 1 || stopBits > 2) {
            throw new IllegalArgumentException("bad serial params " + baud + " " + dataBits + parity + stopBits);
        }
    }

    public static SerialParams of8N1(int baud) {
        return new SerialParams(baud, 8, Parity.NONE, 1);
    }
}
