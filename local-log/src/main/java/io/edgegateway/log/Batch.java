package io.edgegateway.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The on-disk batch format (docs/log-format.md has the full byte-by-byte description). All integers are
 * big-endian; a batch is:
 *
 * <pre>
 *  0  int64  baseOffset      offset of the first record
 *  8  int32  length          bytes of the whole batch, header included (&gt;= 40)
 * 12  int32  crc             CRC32C of bytes [0,12) followed by bytes [16,length)
 * 16  int8   magic           1
 * 17  int8   attributes      0 (bits 0-2 reserved for compression)
 * 18  int16  reserved        0
 * 20  int32  recordCount     &gt;= 1
 * 24  int64  firstTimestamp
 * 32  int64  maxTimestamp
 * 40  records, each:
 *       varint  length of the rest of the record
 *       int8    attributes (0)
 *       varlong timestamp - firstTimestamp
 *       varint  offset - baseOffset (0, 1, 2, ... in order)
 *       varint  key length (-1 = null), key bytes
 *       varint  value length (-1 = null), value bytes
 *       varint  header count, then per header: varint key length, UTF-8 key,
 *               varint value length (-1 = null), value bytes
 * </pre>
 *
 * The CRC covers the offset and length too, so a batch moved or shifted on disk does not validate. A
 * length of 0 marks zero-filled space (end of data), not damage.
 */
final class Batch {
    static final int HEADER_SIZE = 40;
    static final byte MAGIC = 1;
    static final int OFFSET_POS = 0;
    static final int LENGTH_POS = 8;
    static final int CRC_POS = 12;
    static final int MAGIC_POS = 16;
    static final int COUNT_POS = 20;
    static final int FIRST_TS_POS = 24;
    static final int MAX_TS_POS = 32;

    private Batch() {
    }

    /** The encoded size of one record, including its length prefix. */
    static int recordSize(LogRecord r, long timestampDelta, int offsetDelta) {
        return recordSize(tailSize(r), timestampDelta, offsetDelta);
    }

    /** {@link #recordSize(LogRecord, long, int)} from the record's {@link #tailSize}, computed once per record. */
    static int recordSize(int tailSize, long timestampDelta, int offsetDelta) {
        int body = bodySize(tailSize, timestampDelta, offsetDelta);
        return Varint.sizeOf(body) + body;
    }

    private static int bodySize(int tailSize, long timestampDelta, int offsetDelta) {
        return 1 + Varint.sizeOf(timestampDelta) + Varint.sizeOf(offsetDelta) + tailSize;
    }

    /**
     * The encoded size of the part of a record that does not depend on its place in the batch: key, value
     * and headers with their lengths. Appenders compute it before taking the partition's append lock.
     */
    static int tailSize(LogRecord r) {
        int size = bytesSize(r.key());
        size += bytesSize(r.value());
        List<Header> headers = r.headers();
        size += Varint.sizeOf(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            int kl = utf8Length(h.key());
            size += Varint.sizeOf(kl) + kl + bytesSize(h.value());
        }
        return size;
    }

    private static int bytesSize(byte[] b) {
        return b == null ? Varint.sizeOf(-1) : Varint.sizeOf(b.length) + b.length;
    }

    /** Writes one record at the buffer's position; the caller has checked that it fits. */
    static void writeRecord(ByteBuffer buf, LogRecord r, long timestampDelta, int offsetDelta) {
        writeRecord(buf, r, tailSize(r), timestampDelta, offsetDelta);
    }

    /** {@link #writeRecord(ByteBuffer, LogRecord, long, int)} with the record's {@link #tailSize} already known. */
    static void writeRecord(ByteBuffer buf, LogRecord r, int tailSize, long timestampDelta, int offsetDelta) {
        Varint.write(bodySize(tailSize, timestampDelta, offsetDelta), buf);
        buf.put((byte) 0);
        Varint.write(timestampDelta, buf);
        Varint.write(offsetDelta, buf);
        writeBytes(buf, r.key());
        writeBytes(buf, r.value());
        List<Header> headers = r.headers();
        Varint.write(headers.size(), buf);
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            byte[] k = h.key().getBytes(StandardCharsets.UTF_8);
            Varint.write(k.length, buf);
            buf.put(k);
            writeBytes(buf, h.value());
        }
    }

    /**
     * The most bytes a record's prefix can take: length varint (5), attributes (1), timestamp delta
     * varlong (10), offset delta varint (5). Pre-encoded tails leave this much room before them.
     */
    static final int PREFIX_MAX = 21;

    /** Tails up to this size are encoded by the appender before it takes the append lock. */
    static final int PRE_ENCODE_MAX = 64 * 1024;

    /** The most scratch space one appender thread keeps for pre-encoded records. */
    static final int SCRATCH_MAX = 256 * 1024;

    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

    /** This thread's scratch array for pre-encoding, at least {@code size} (at most {@link #SCRATCH_MAX}) bytes. */
    static byte[] scratch(int size) {
        byte[] a = SCRATCH.get();
        if (a.length < size) {
            a = new byte[Math.min(SCRATCH_MAX, Math.max(size, a.length * 2))];
            SCRATCH.set(a);
        }
        return a;
    }

    /**
     * Encodes the tail of {@code r} (key, value, headers; {@code tailSize} bytes) at {@code a[at, at + tailSize)};
     * the caller leaves {@link #PREFIX_MAX} free bytes before {@code at} for {@link #writeRecord(ByteBuffer, byte[], int, int, long, int)}.
     */
    static void encodeTail(LogRecord r, byte[] a, int at) {
        int p = writeBytes(a, at, r.key());
        p = writeBytes(a, p, r.value());
        List<Header> headers = r.headers();
        p = Varint.write(headers.size(), a, p);
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            p = writeBytes(a, p, h.key().getBytes(StandardCharsets.UTF_8));
            p = writeBytes(a, p, h.value());
        }
    }

    private static int writeBytes(byte[] a, int p, byte[] b) {
        if (b == null) {
            return Varint.write(-1, a, p);
        }
        p = Varint.write(b.length, a, p);
        System.arraycopy(b, 0, a, p, b.length);
        return p + b.length;
    }

    /**
     * Writes one record whose tail was encoded by {@link #encodeTail} at {@code a[tailAt, tailAt + tailSize)}:
     * the prefix goes into the free bytes just before it and the whole record into {@code buf} with one copy.
     * The caller has checked that it fits.
     */
    static void writeRecord(ByteBuffer buf, byte[] a, int tailAt, int tailSize, long timestampDelta, int offsetDelta) {
        int start = writePrefix(a, tailAt, tailSize, timestampDelta, offsetDelta);
        buf.put(a, start, tailAt + tailSize - start);
    }

    /**
     * Encodes a whole record ({@code tailSize} from {@link #tailSize}) into {@code out} at {@code at}; returns
     * the end. The caller has checked that it fits.
     */
    static int writeRecord(byte[] out, int at, LogRecord r, int tailSize, long timestampDelta, int offsetDelta) {
        int p = putPrefix(out, at, bodySize(tailSize, timestampDelta, offsetDelta), timestampDelta, offsetDelta);
        encodeTail(r, out, p);
        return p + tailSize;
    }

    /** Writes a pre-encoded record's prefix into the free bytes before its tail; returns where the record starts. */
    private static int writePrefix(byte[] a, int tailAt, int tailSize, long timestampDelta, int offsetDelta) {
        int body = bodySize(tailSize, timestampDelta, offsetDelta);
        int start = tailAt - (Varint.sizeOf(body) + body - tailSize);
        putPrefix(a, start, body, timestampDelta, offsetDelta);
        return start;
    }

    /** The record prefix (length, attributes, timestamp and offset deltas) at {@code a[at..]}; returns its end. */
    private static int putPrefix(byte[] a, int at, int body, long timestampDelta, int offsetDelta) {
        int p = Varint.write(body, a, at);
        a[p++] = 0;
        p = Varint.write(timestampDelta, a, p);
        return Varint.write(offsetDelta, a, p);
    }

    private static void writeBytes(ByteBuffer buf, byte[] b) {
        if (b == null) {
            Varint.write(-1, buf);
        } else {
            Varint.write(b.length, buf);
            buf.put(b);
        }
    }

    private static int utf8Length(String s) {
        int n = s.length();
        int len = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return len;
    }

    /**
     * Fills in the header of the batch occupying {@code buf[start, buf.position())}, all but the CRC, which
     * {@link #bodyCrc} and {@link #putCrc} add later (the log computes it outside its append lock).
     */
    static void sealHeader(ByteBuffer buf, int start, long baseOffset, int count, long firstTs, long maxTs) {
        int length = buf.position() - start;
        buf.putLong(start + OFFSET_POS, baseOffset);
        buf.putInt(start + LENGTH_POS, length);
        buf.put(start + MAGIC_POS, MAGIC);
        buf.put(start + MAGIC_POS + 1, (byte) 0);
        buf.putShort(start + MAGIC_POS + 2, (short) 0);
        buf.putInt(start + COUNT_POS, count);
        buf.putLong(start + FIRST_TS_POS, firstTs);
        buf.putLong(start + MAX_TS_POS, maxTs);
    }

    /**
     * CRC32C of the body {@code [start+16, start+length)} of a batch whose header is filled in but for its
     * base offset; {@link #putCrc} completes it once the offset is known.
     */
    static int bodyCrc(ByteBuffer buf, int start) {
        CRC32C crc = new CRC32C();
        update(crc, buf, start + MAGIC_POS, start + buf.getInt(start + LENGTH_POS));
        return (int) crc.getValue();
    }

    /** Stores the CRC of the batch at {@code buf[start..]} from the CRC of its body ({@link #bodyCrc}) and its first 12 bytes. */
    static void putCrc(ByteBuffer buf, int start, int bodyCrc) {
        CRC32C head = new CRC32C();
        update(head, buf, start, start + CRC_POS);
        int length = buf.getInt(start + LENGTH_POS);
        buf.putInt(start + CRC_POS, Crc32cCombine.combine((int) head.getValue(), bodyCrc, length - MAGIC_POS));
    }

    /** CRC32C of {@code [start, start+12)} and {@code [start+16, start+length)}; leaves the buffer's position alone. */
    static int crc(ByteBuffer buf, int start, int length) {
        CRC32C crc = new CRC32C();
        update(crc, buf, start, start + CRC_POS);
        update(crc, buf, start + MAGIC_POS, start + length);
        return (int) crc.getValue();
    }

    /** Feeds {@code buf[from, to)} to {@code crc}, leaving the buffer's position and limit alone. */
    private static void update(CRC32C crc, ByteBuffer buf, int from, int to) {
        crc.update(buf.duplicate().limit(to).position(from));
    }

    /**
     * Checks the header and CRC of the batch at {@code buf[start..]}; returns null if intact, else why not.
     * {@code available} is how many bytes from {@code start} are in the buffer.
     */
    static String validate(ByteBuffer buf, int start, int available, long expectedOffset) {
        if (available < HEADER_SIZE) {
            return "truncated header (" + available + " bytes)";
        }
        int length = buf.getInt(start + LENGTH_POS);
        if (length < HEADER_SIZE) {
            return "bad length " + length;
        }
        if (length > available) {
            return "length " + length + " runs past the data (" + available + " bytes)";
        }
        if (buf.get(start + MAGIC_POS) != MAGIC) {
            return "bad magic " + buf.get(start + MAGIC_POS);
        }
        int stored = buf.getInt(start + CRC_POS);
        int actual = crc(buf, start, length);
        if (stored != actual) {
            return String.format("CRC mismatch (stored %08x, computed %08x)", stored, actual);
        }
        long base = buf.getLong(start + OFFSET_POS);
        if (expectedOffset >= 0 && base != expectedOffset) {
            return "base offset " + base + " where " + expectedOffset + " was expected";
        }
        if (buf.getInt(start + COUNT_POS) < 1) {
            return "record count " + buf.getInt(start + COUNT_POS);
        }
        return null;
    }

    static long baseOffset(ByteBuffer buf, int start) {
        return buf.getLong(start + OFFSET_POS);
    }

    static int length(ByteBuffer buf, int start) {
        return buf.getInt(start + LENGTH_POS);
    }

    static int count(ByteBuffer buf, int start) {
        return buf.getInt(start + COUNT_POS);
    }

    static long maxTimestamp(ByteBuffer buf, int start) {
        return buf.getLong(start + MAX_TS_POS);
    }

    /**
     * Decodes the records of a validated batch at {@code buf[start..]} whose offset is at least
     * {@code fromOffset}, adding at most {@code max} to {@code out}. A structural error inside a batch whose
     * CRC matched means the writer was wrong; it is reported, never papered over.
     */
    static int decode(ByteBuffer buf, int start, String topic, int partition, long fromOffset, int max,
            List<StoredRecord> out) {
        ByteBuffer b = buf.duplicate();
        int length = b.getInt(start + LENGTH_POS);
        long base = b.getLong(start + OFFSET_POS);
        int count = b.getInt(start + COUNT_POS);
        long firstTs = b.getLong(start + FIRST_TS_POS);
        b.limit(start + length).position(start + HEADER_SIZE);
        int added = 0;
        try {
            for (int i = 0; i < count && added < max; i++) {
                int recLen = Varint.readInt(b);
                int next = b.position() + recLen;
                b.get();
                long ts = firstTs + Varint.readLong(b);
                int delta = Varint.readInt(b);
                long offset = base + delta;
                if (delta != i) {
                    throw new IllegalStateException("offset delta " + delta + " at record " + i);
                }
                if (offset < fromOffset) {
                    b.position(next);
                    continue;
                }
                byte[] key = readBytes(b);
                byte[] value = readBytes(b);
                int hc = Varint.readInt(b);
                if (hc < 0) {
                    throw new IllegalStateException("negative header count");
                }
                List<Header> headers = hc == 0 ? List.of() : new ArrayList<>(hc);
                for (int h = 0; h < hc; h++) {
                    byte[] k = readBytes(b);
                    if (k == null) {
                        throw new IllegalStateException("null header key");
                    }
                    headers.add(new Header(new String(k, StandardCharsets.UTF_8), readBytes(b)));
                }
                if (b.position() != next) {
                    throw new IllegalStateException("record length mismatch");
                }
                out.add(new StoredRecord(topic, partition, offset, ts, key, value,
                        hc == 0 ? List.of() : List.copyOf(headers)));
                added++;
            }
        } catch (RuntimeException e) {
            throw new LogException("malformed record in batch at offset " + base + " of " + topic + "-" + partition
                    + " although its CRC matched: " + e.getMessage(), e);
        }
        return added;
    }

    private static byte[] readBytes(ByteBuffer b) {
        int len = Varint.readInt(b);
        if (len == -1) {
            return null;
        }
        if (len < -1) {
            throw new IllegalStateException("negative length " + len);
        }
        byte[] out = new byte[len];
        b.get(out);
        return out;
    }
}
