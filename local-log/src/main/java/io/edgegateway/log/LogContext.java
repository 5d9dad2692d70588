package io.edgegateway.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.LongConsumer;

/**
 * What partitions share within one open log: the disk-usage account against the budget, the hook that
 * frees space when the budget is reached, error translation (ENOSPC becomes {@link DiskFullException}),
 * the flusher's wake-up, per-partition fatal failures, and counters.
 */
final class LogContext {
    private final long budget;
    private final AtomicLong usedBytes = new AtomicLong();
    private final Map<Partition, LogException> failures = new ConcurrentHashMap<>();
    private volatile Runnable flusherWakeup = () -> { };
    private volatile LongConsumer flusherWakeupBy = d -> { };
    private volatile BiFunction<Partition, Long, Boolean> makeRoom = (p, n) -> false;

    /**
     * Write buffers beyond the two each partition keeps, shared by all partitions: with many appenders a
     * partition has more batches in flight than it keeps, and allocating a direct buffer for each (freed
     * only by a later GC) made resident memory grow. Bounded, so an idle log holds at most this many more.
     */
    private final ArrayBlockingQueue<ByteBuffer> spareBuffers = new ArrayBlockingQueue<>(16);

    final AtomicLong syncs = new AtomicLong();
    final AtomicLong syncFailures = new AtomicLong();
    final AtomicLong appendFailures = new AtomicLong();
    final AtomicLong recoveredCutBytes = new AtomicLong();
    final AtomicLong recoveredCuts = new AtomicLong();
    final AtomicLong corruptFilesDeleted = new AtomicLong();

    LogContext(long budget) {
        this.budget = budget;
    }

    void setFlusherWakeup(Runnable r) {
        flusherWakeup = r;
    }

    /** {@code makeRoom(partition, bytesNeeded)} deletes what the budget allows and says if it freed enough. */
    void setMakeRoom(BiFunction<Partition, Long, Boolean> f) {
        makeRoom = f;
    }

    ByteBuffer takeSpareBuffer() {
        return spareBuffers.poll();
    }

    /** Keeps a written buffer for reuse if there is room; otherwise it is left to the GC. */
    void returnSpareBuffer(ByteBuffer b) {
        spareBuffers.offer(b);
    }

    void wakeFlusher() {
        flusherWakeup.run();
    }

    /** Wakes the flusher unless it wakes by {@code deadlineNanos} anyway. */
    void wakeFlusherBy(long deadlineNanos) {
        flusherWakeupBy.accept(deadlineNanos);
    }

    void setFlusherWakeupBy(LongConsumer c) {
        flusherWakeupBy = c;
    }

    long budget() {
        return budget;
    }

    long usedBytes() {
        return usedBytes.get();
    }

    void setUsedBytes(long v) {
        usedBytes.set(v);
    }

    void added(long bytes) {
        usedBytes.addAndGet(bytes);
    }

    void removed(long bytes) {
        usedBytes.addAndGet(-bytes);
    }

    /**
     * Checks that {@code bytes} more fit in the budget, deleting old segments if they do not; throws
     * {@link DiskFullException} when nothing more may go.
     */
    void reserve(Partition p, long bytes) {
        if (budget < 0 || usedBytes.get() + bytes <= budget) {
            return;
        }
        if (!makeRoom.apply(p, bytes)) {
            throw new DiskFullException("disk budget of " + budget + " bytes reached (" + usedBytes.get()
                    + " used) and no older segment of any topic may be deleted; refusing " + bytes + " bytes for "
                    + p.topic + "-" + p.id, null);
        }
    }

    RuntimeException translate(IOException e, String what) {
        return asLogException(e, what);
    }

    /** ENOSPC and EDQUOT become {@link DiskFullException}, anything else a {@link LogException}. */
    static RuntimeException asLogException(IOException e, String what) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("No space left on device") || m.contains("Disk quota exceeded")) {
            return new DiskFullException(what + " failed: the disk is full (" + m + ")", e);
        }
        return new LogException(what + " failed: " + e, e);
    }

    LogException failure(Partition p) {
        return failures.isEmpty() ? null : failures.get(p);
    }

    void markFailed(Partition p, LogException e) {
        failures.put(p, e);
    }

    void onRecoveryCut(String topic, int partition, Segment.Recovery r) {
        recoveredCuts.incrementAndGet();
        recoveredCutBytes.addAndGet(r.cutBytes());
    }
}
