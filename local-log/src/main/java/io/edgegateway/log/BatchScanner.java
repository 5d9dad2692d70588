package io.edgegateway.log;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Walks the batches of a segment file between two positions, reading through a buffer that grows to
 * the largest batch met. Used by recovery, index rebuilding and readers, so every path that reads
 * batches checks their CRC and offsets the same way. Not thread-safe.
 */
final class BatchScanner {
    enum Status { OK, END, BAD }

    private final StorageFile file;
    private final long maxBatchBytes;
    private ByteBuffer buf;
    private long bufFilePos;
    private long position;
    private long limit;
    private int start;
    private int length;
    private String reason;

    BatchScanner(StorageFile file, long position, long limit, int bufferBytes, long maxBatchBytes) {
        this.file = file;
        this.position = position;
        this.limit = limit;
        this.maxBatchBytes = maxBatchBytes;
        this.buf = ByteBuffer.allocate(bufferBytes);
        this.buf.limit(0);
        this.bufFilePos = position;
    }

    /**
     * Loads the batch at the current position and checks it; {@code expectedOffset} < 0 skips the offset
     * check. On {@link Status#OK} the batch is at {@link #buffer()}[{@link #start()}, +{@link #length()}).
     */
    Status load(long expectedOffset) throws IOException {
        reason = null;
        if (position >= limit) {
            return Status.END;
        }
        long available = limit - position;
        if (!ensure(Math.min(Batch.HEADER_SIZE, available))) {
            reason = "unexpected end of file";
            return Status.BAD;
        }
        if (available < Batch.HEADER_SIZE) {
            reason = "truncated header (" + available + " bytes)";
            return Status.BAD;
        }
        int len = buf.getInt(start + Batch.LENGTH_POS);
        if (len < Batch.HEADER_SIZE || len > available || len > maxBatchBytes) {
            reason = len == 0 ? "zero-filled space" : "bad length " + len + " (" + available + " bytes left)";
            return Status.BAD;
        }
        if (len > buf.capacity()) {
            // A damaged length field must not make us allocate a huge buffer: check the CRC by streaming
            // first, and only hold a batch in memory once it is known to be real.
            reason = validateStreaming(len, expectedOffset);
            if (reason != null) {
                return Status.BAD;
            }
        }
        if (!ensure(len)) {
            reason = "unexpected end of file";
            return Status.BAD;
        }
        reason = Batch.validate(buf, start, len, expectedOffset);
        if (reason != null) {
            return Status.BAD;
        }
        length = len;
        return Status.OK;
    }

    private String validateStreaming(int len, long expectedOffset) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(Batch.HEADER_SIZE);
        buf.duplicate().position(start).limit(start + Batch.HEADER_SIZE).slice().get(header.array());
        if (header.get(Batch.MAGIC_POS) != Batch.MAGIC) {
            return "bad magic " + header.get(Batch.MAGIC_POS);
        }
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(header.array(), 0, Batch.CRC_POS);
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long p = position + Batch.MAGIC_POS;
        long end = position + len;
        while (p < end) {
            chunk.clear();
            chunk.limit((int) Math.min(chunk.capacity(), end - p));
            int r = file.read(chunk, p);
            if (r <= 0) {
                return "unexpected end of file";
            }
            chunk.flip();
            crc.update(chunk);
            p += r;
        }
        int stored = header.getInt(Batch.CRC_POS);
        if ((int) crc.getValue() != stored) {
            return String.format("CRC mismatch (stored %08x, computed %08x)", stored, (int) crc.getValue());
        }
        long base = header.getLong(Batch.OFFSET_POS);
        if (expectedOffset >= 0 && base != expectedOffset) {
            return "base offset " + base + " where " + expectedOffset + " was expected";
        }
        return header.getInt(Batch.COUNT_POS) < 1 ? "record count " + header.getInt(Batch.COUNT_POS) : null;
    }

    /** Makes {@code n} bytes from {@code position} available in the buffer. */
    private boolean ensure(long n) throws IOException {
        long offInBuf = position - bufFilePos;
        if (offInBuf >= 0 && offInBuf + n <= buf.limit()) {
            start = (int) offInBuf;
            return true;
        }
        if (n > buf.capacity()) {
            buf = ByteBuffer.allocate((int) Math.max(n, buf.capacity() * 2L));
        }
        buf.clear();
        long want = Math.min(buf.capacity(), limit - position);
        buf.limit((int) Math.max(want, n));
        bufFilePos = position;
        while (buf.hasRemaining()) {
            int r = file.read(buf, bufFilePos + buf.position());
            if (r < 0) {
                break;
            }
        }
        buf.flip();
        start = 0;
        return buf.limit() >= n;
    }

    void advance() {
        position += length;
    }

    /** True if every byte from the current position to the limit is zero (unwritten space, not damage). */
    boolean restIsZero() throws IOException {
        ByteBuffer z = ByteBuffer.allocate(64 * 1024);
        long p = position;
        while (p < limit) {
            z.clear();
            z.limit((int) Math.min(z.capacity(), limit - p));
            int r = file.read(z, p);
            if (r <= 0) {
                return true;
            }
            for (int i = 0; i < r; i++) {
                if (z.get(i) != 0) {
                    return false;
                }
            }
            p += r;
        }
        return true;
    }

    ByteBuffer buffer() { return buf; }
    int start() { return start; }
    int length() { return length; }
    long position() { return position; }
    void position(long p) { position = p; }
    long limit() { return limit; }
    void limit(long l) { limit = l; }
    String reason() { return reason; }
}
