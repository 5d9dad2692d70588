package io.edgegateway.log;

import java.nio.ByteBuffer;

/** Zig-zag varints as in Kafka's record format and Protocol Buffers (sint32/sint64). */
final class Varint {
    private Varint() {
    }

    static int sizeOf(int value) {
        int v = (value << 1) ^ (value >> 31);
        int bytes = 1;
        while ((v & 0xffffff80) != 0) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }

    static int sizeOf(long value) {
        long v = (value << 1) ^ (value >> 63);
        int bytes = 1;
        while ((v & 0xffffffffffffff80L) != 0) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
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
