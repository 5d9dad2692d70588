package io.edgegateway.log;

import java.time.Duration;
import java.util.List;

/**
 * Reads one partition in offset order from a position, seeing only records that are acknowledged (durable
 * per the topic's policy). Not thread-safe: one reader per consumer thread. A reader whose position was
 * deleted by retention continues at the partition's start offset.
 */
public interface LogReader extends AutoCloseable {

    /**
     * Returns up to {@code maxRecords} records from the current position and advances past them; if none
     * are available, waits up to {@code timeout} for new ones and returns an empty list if none came.
     *
     * @throws CorruptBatchException when the next batch in a sealed segment is damaged; the position stays
     *     on it until {@link #skipCorrupt()} is called.
     */
    List<StoredRecord> poll(int maxRecords, Duration timeout);

    /** The offset of the next record this reader returns. */
    long position();

    void seek(long offset);

    /** Moves to the first record whose timestamp is at or after {@code timestamp}, or to the end. */
    void seekToTimestamp(long timestamp);

    /**
     * After a {@link CorruptBatchException}: moves past the damaged bytes to the next intact batch and
     * returns the number of offsets skipped. The skip is logged.
     */
    long skipCorrupt();

    @Override
    void close();
}
