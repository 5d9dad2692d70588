package io.edgegateway.log;

import java.util.ArrayList;
import java.util.List;
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
    private List<Object[]> futures;

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
        if (futures == null) {
            futures = new ArrayList<>();
        }
        futures.add(new Object[] {f, offset, timestamp});
        return f;
    }

    boolean hasFutures() {
        return futures != null;
    }

    @SuppressWarnings("unchecked")
    void ack() {
        state = ACKED;
        if (futures != null) {
            for (Object[] e : futures) {
                ((CompletableFuture<AppendResult>) e[0]).complete(
                        new AppendResult(topic, partition, (Long) e[1], (Long) e[2]));
            }
        }
    }

    @SuppressWarnings("unchecked")
    void fail(RuntimeException e) {
        error = e;
        state = FAILED;
        if (futures != null) {
            for (Object[] f : futures) {
                ((CompletableFuture<AppendResult>) f[0]).completeExceptionally(e);
            }
        }
    }
}
