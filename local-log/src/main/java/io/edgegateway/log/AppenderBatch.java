package io.edgegateway.log;

import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * One appender thread's batch for one partition, for asynchronous appends: records are encoded here
 * without any lock that other appenders share, with offset deltas 0, 1, 2, ..., and get their offsets
 * when the whole batch is handed to the partition ({@code Partition.submit}). The calibration writer's
 * hand-off, with dense offsets. Guarded by its own monitor: its thread appends, and the flusher, flush()
 * and close may hand it over meanwhile.
 */
final class AppenderBatch {
    private static final int INITIAL_BYTES = 1024;
    private static final int INITIAL_RECORDS = 16;

    final Thread owner;
    /** Encoded records (no batch header), {@code [0, size)}. */
    private byte[] buf = new byte[INITIAL_BYTES];
    private int size;
    private int count;
    private long firstTs;
    private long maxTs;
    /** When the first record came (System.nanoTime), for the flusher's linger; -1 while empty. */
    private volatile long openedNanos = -1;
    /**
     * The time for records appended with timestamp -1, and how many more of them it may serve. A clock read
     * costs about as much as encoding a 100-byte record, so a batch reads it for its first such record and
     * then once per {@link #STAMP_RECORDS}. The flusher hands a batch over once it has lingered
     * {@code asyncLingerMicros}, and the next batch reads the clock afresh, so a stamp is about that old at
     * most, and never serves more than 16 appends of this thread.
     */
    private long stamp;
    private int stampUses;
    static final int STAMP_RECORDS = 16;
    private CompletableFuture<AppendResult>[] futures = newFutures(INITIAL_RECORDS);
    private long[] timestamps = new long[INITIAL_RECORDS];

    AppenderBatch(Thread owner) {
        this.owner = owner;
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<AppendResult>[] newFutures(int n) {
        return new CompletableFuture[n];
    }

    int count() {
        return count;
    }

    int size() {
        return size;
    }

    long firstTs() {
        return firstTs;
    }

    long maxTs() {
        return maxTs;
    }

    long openedNanos() {
        return openedNanos;
    }

    byte[] bytes() {
        return buf;
    }

    /** The time for a record appended with timestamp -1 ("now"); see {@link #stamp}. */
    long now(Clock clock) {
        if (stampUses == 0) {
            stamp = clock.millis();
            stampUses = STAMP_RECORDS;
        }
        stampUses--;
        return stamp;
    }

    /** The timestamp delta the next record would be written with. */
    long deltaOf(long timestamp) {
        return count == 0 ? 0 : timestamp - firstTs;
    }

    /**
     * Encodes a record ({@code tail} from {@link Batch#tailSize}, {@code recordSize} in all) straight into the
     * batch: one copy of its bytes; the caller checked that it fits.
     */
    void add(LogRecord r, int tail, int recordSize, long timestamp, CompletableFuture<AppendResult> f) {
        if (size + recordSize > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(size + recordSize, buf.length * 2));
        }
        if (count == futures.length) {
            futures = Arrays.copyOf(futures, count * 2);
            timestamps = Arrays.copyOf(timestamps, count * 2);
        }
        long tsDelta = deltaOf(timestamp);
        if (count == 0) {
            firstTs = timestamp;
            maxTs = timestamp;
        } else if (timestamp > maxTs) {
            maxTs = timestamp;
        }
        size = Batch.writeRecord(buf, size, r, tail, tsDelta, count);
        futures[count] = f;
        timestamps[count] = timestamp;
        count++;
    }

    /** Marks the first record's arrival for the linger; returns the time read. */
    long opened() {
        long now = System.nanoTime();
        openedNanos = now;
        return now;
    }

    /**
     * Hands the futures and their timestamps to the ticket the batch became, and empties the batch. A batch
     * handed over before it filled up (the flusher's linger, flush) gives its grown array back: only a
     * thread that keeps appending fast keeps a write buffer's worth, so many threads that append now and
     * then to many partitions hold little memory.
     */
    void moveTo(BatchTicket ticket, boolean full) {
        ticket.takeFutures(futures, timestamps, count);
        if (!full && buf.length > INITIAL_BYTES) {
            buf = new byte[INITIAL_BYTES];
        }
        int next = Math.max(INITIAL_RECORDS, Integer.highestOneBit(Math.max(1, count)) * 2);
        futures = newFutures(next);
        timestamps = new long[next];
        clear();
    }

    /** Fails every record of the batch and empties it. */
    void fail(RuntimeException e) {
        CompletableFuture<AppendResult>[] fs = futures;
        int n = count;
        futures = newFutures(INITIAL_RECORDS);
        timestamps = new long[INITIAL_RECORDS];
        clear();
        for (int i = 0; i < n; i++) {
            fs[i].completeExceptionally(e);
        }
    }

    private void clear() {
        size = 0;
        count = 0;
        stampUses = 0;
        openedNanos = -1;
    }
}
