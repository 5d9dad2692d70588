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
    private volatile RuntimeException error;
    // Guarded by the partition's append lock while the batch is open, then handed over with the batch.
    // Parallel arrays rather than an object per record: asynchronous appends of small records are
    // dominated by allocation otherwise.
    private CompletableFuture<AppendResult>[] futures;
    private long[] offsets;
    private long[] timestamps;
    private int futureCount;

    BatchTicket(String topic, int partition, long baseOffset) {
        this.topic = topic;
        this.partition = partition;
        this.baseOffset = baseOffset;
    }

    boolean isDone() {
        return state != PENDING;
    }

    boolean isAcked() {
        return state == ACKED;
    }

    RuntimeException error() {
        return error;
    }

    /** Registers a future for the record at {@code offset}; called under the append lock. */
    CompletableFuture<AppendResult> futureFor(long offset, long timestamp) {
        CompletableFuture<AppendResult> f = new CompletableFuture<>();
        addFuture(f, offset, timestamp);
        return f;
    }

    /** Registers a future created before the append lock was taken; called under the append lock. */
    @SuppressWarnings("unchecked")
    void addFuture(CompletableFuture<AppendResult> f, long offset, long timestamp) {
        if (futures == null) {
            futures = new CompletableFuture[64];
            offsets = new long[64];
            timestamps = new long[64];
        } else if (futureCount == futures.length) {
            int n = futureCount * 2;
            futures = Arrays.copyOf(futures, n);
            offsets = Arrays.copyOf(offsets, n);
            timestamps = Arrays.copyOf(timestamps, n);
        }
        futures[futureCount] = f;
        offsets[futureCount] = offset;
        timestamps[futureCount] = timestamp;
        futureCount++;
    }

    boolean hasFutures() {
        return futures != null;
    }

    void ack() {
        state = ACKED;
        for (int i = 0; i < futureCount; i++) {
            futures[i].complete(new AppendResult(topic, partition, offsets[i], timestamps[i]));
        }
    }

    void fail(RuntimeException e) {
        error = e;
        state = FAILED;
        for (int i = 0; i < futureCount; i++) {
            futures[i].completeExceptionally(e);
        }
    }
}
