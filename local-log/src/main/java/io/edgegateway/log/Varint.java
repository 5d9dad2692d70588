package io.edgegateway.log;

import java.nio.ByteBuffer;

/** Zig-zag varints as in Kafka's record format and Protocol Buffers (sint32/sint64). */
final class Varint {
    private Varint() {
    }

    static int sizeOf(int value) {
        int v = (value << 1) ^ (value >> 31);
        // 7 bits per byte: 1 byte up to 7 significant bits, 2 up to 14, ... 5 for 32.
        return (38 - Integer.numberOfLeadingZeros(v | 1)) / 7;
    }

    static int sizeOf(long value) {
        long v = (value << 1) ^ (value >> 63);
        return (70 - Long.numberOfLeadingZeros(v | 1)) / 7;
    }

    static void write(int value, ByteBuffer buf) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xffffff80) != 0) {
            buf.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        buf.put((byte) v);
    }

    static void write(long value, ByteBuffer buf) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xffffffffffffff80L) != 0) {
            buf.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        buf.put((byte) v);
    }

    /** Writes a zig-zag int at {@code a[pos]}; returns the position after it. */
    static int write(int value, byte[] a, int pos) {
        int v = (value << 1) ^ (value >> 31);
        if ((v & 0xffffff80) == 0) {
            a[pos] = (byte) v;
            return pos + 1;
        }
        while ((v & 0xffffff80) != 0) {
            a[pos++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        a[pos++] = (byte) v;
        return pos;
    }

    /** Writes a zig-zag long at {@code a[pos]}; returns the position after it. */
    static int write(long value, byte[] a, int pos) {
        long v = (value << 1) ^ (value >> 63);
        if ((v & 0xffffffffffffff80L) == 0) {
            a[pos] = (byte) v;
            return pos + 1;
        }
        while ((v & 0xffffffffffffff80L) != 0) {
            a[pos++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        a[pos++] = (byte) v;
        return pos;
    }

    /** Reads a zig-zag int; throws {@link IllegalStateException} on more than 5 bytes. */
    static int readInt(ByteBuffer buf) {
        int raw = 0;
        int shift = 0;
        int b;
        do {
            if (shift > 28) {
                throw new IllegalStateException("varint longer than 5 bytes");
            }
            b = buf.get();
            raw |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** Reads a zig-zag long; throws {@link IllegalStateException} on more than 10 bytes. */
    static long readLong(ByteBuffer buf) {
        long raw = 0;
        int shift = 0;
        long b;
        do {
            if (shift > 63) {
                throw new IllegalStateException("varlong longer than 10 bytes");
            }
            b = buf.get();
            raw |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return (raw >>> 1) ^ -(raw & 1);
    }
}
