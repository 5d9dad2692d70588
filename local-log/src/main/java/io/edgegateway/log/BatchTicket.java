package io.edgegateway.log;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * The fate of one batch, shared by every record in it: pending, then acknowledged (durable per the
 * topic's policy) or failed. Blocking appenders wait on the partition's locks and then read the state;
 * asynchronous appenders register a future that is completed when the state is decided. One object per
 * batch instead of per record keeps the append path cheap.
 */
final class BatchTicket {
    private static final int PENDING = 0;
    private static final int ACKED = 1;
    private static final int FAILED = 2;

    private final String topic;
    private final int partition;
    final long baseOffset;
    private volatile int state = PENDING;
    /** Written (and synced under {@code always}) by the I/O lock's holder; acknowledged after it releases the lock. */
    private volatile boolean settled;
    private volatile RuntimeException error;
    // Guarded by the partition's append lock while the batch is open, then handed over with the batch.
    // Parallel arrays rather than an object per record: asynchronous appends of small records are
    // dominated by allocation otherwise.
    private CompletableFuture<AppendResult>[] futures;
    private int[] offsetDeltas;
    private long[] timestamps;
    private int futureCount;
    private static final int INITIAL = 32;
    private static final int MAX_PRESIZE = 1 << 16;

    BatchTicket(String topic, int partition, long baseOffset) {
        this.topic = topic;
        this.partition = partition;
        this.baseOffset = baseOffset;
    }

    boolean isDone() {
        return state != PENDING;
    }

    /** Decided, or written and waiting for its acknowledgement. */
    boolean isSettled() {
        return settled || state != PENDING;
    }

    void settle() {
        settled = true;
    }

    boolean isAcked() {
        return state == ACKED;
    }

    RuntimeException error() {
        return error;
    }

    /**
     * Registers a future created before the append lock was taken for the record at {@code offset}; called
     * under the append lock. {@code expected} is a guess of how many records the batch will hold: a batch
     * that outgrows the first small arrays jumps to that size at once, instead of being copied over and
     * over as it fills up with small records, while a batch of a few lingering records stays small.
     */
    @SuppressWarnings("unchecked")
    void addFuture(CompletableFuture<AppendResult> f, long offset, long timestamp, int expected) {
        if (futures == null) {
            futures = new CompletableFuture[INITIAL];
            offsetDeltas = new int[INITIAL];
            timestamps = new long[INITIAL];
        } else if (futureCount == futures.length) {
            int n = Math.max(futureCount * 2, Math.min(expected, MAX_PRESIZE));
            futures = Arrays.copyOf(futures, n);
            offsetDeltas = Arrays.copyOf(offsetDeltas, n);
            timestamps = Arrays.copyOf(timestamps, n);
        }
        futures[futureCount] = f;
        // A batch never spans more than an int of offsets (its count is an int in the format).
        offsetDeltas[futureCount] = (int) (offset - baseOffset);
        timestamps[futureCount] = timestamp;
        futureCount++;
    }

    /**
     * Takes over an appender batch's futures, one per record in offset order ({@link AppenderBatch}): the
     * arrays are the ticket's from now on.
     */
    void takeFutures(CompletableFuture<AppendResult>[] fs, long[] ts, int n) {
        futures = fs;
        timestamps = ts;
        offsetDeltas = null;
        futureCount = n;
    }

    boolean hasFutures() {
        return futures != null;
    }

    void ack() {
        if (state != PENDING) {
            return;
        }
        state = ACKED;
        for (int i = 0; i < futureCount; i++) {
            long offset = baseOffset + (offsetDeltas == null ? i : offsetDeltas[i]);
            futures[i].complete(new AppendResult(topic, partition, offset, timestamps[i]));
        }
    }

    void fail(RuntimeException e) {
        if (state != PENDING) {
            return;
        }
        error = e;
        state = FAILED;
        for (int i = 0; i < futureCount; i++) {
            futures[i].completeExceptionally(e);
        }
    }
}
