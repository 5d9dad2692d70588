package io.edgegateway.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An open file of a {@link Storage}: positional reads and writes, size, truncate and fsync. Thread-safe:
 * positional reads may run concurrently with a write and with {@link #force()}.
 */
public interface StorageFile extends Closeable {

    /** Writes all remaining bytes of {@code src} at {@code position}, or throws; never writes partly and returns. */
    void write(ByteBuffer src, long position) throws IOException;

    /** Reads up to {@code dst.remaining()} bytes at {@code position}; returns the count, or -1 at end of file. */
    int read(ByteBuffer dst, long position) throws IOException;

    long size() throws IOException;

    void truncate(long size) throws IOException;

    /** fsync: returns when every byte written before the call is on stable storage. */
    void force() throws IOException;
}
