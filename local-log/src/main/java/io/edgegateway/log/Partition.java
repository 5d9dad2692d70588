package io.edgegateway.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition: an ordered list of segments, the last one active, and the append pipeline.
 *
 * <p>Appending is a two-stage group commit. Stage one, under the short <em>append lock</em>: a record is
 * encoded into the open batch in a per-partition buffer and gets its offset. Stage two, under the <em>I/O
 * lock</em>: whoever needs a batch on disk seals the open batch, writes every sealed batch in order (one
 * {@code write} each), and under {@code always} fsyncs once for all of them. While one thread writes or
 * fsyncs, others keep filling the next batch, so concurrent appenders share writes and fsyncs. Lock
 * order: I/O lock, then append lock; never the reverse. Acknowledgements (completing futures) run after
 * the I/O lock is released, in offset order, so the next write overlaps them.
 *
 * <p>Asynchronous appends skip stage one's shared batch: each thread fills a batch of its own
 * ({@link AppenderBatch}, under its own monitor) that joins the write queue as a whole, with the next
 * offsets. Lock order there: the I/O lock (flush, the flusher), then a thread's batch, then the append
 * lock.
 *
 * <p>Offsets stay dense: if a write fails, every batch not yet written fails with it and the next offset
 * goes back to the end of what was written. Readers see only acknowledged records.
 */
final class Partition {
    private static final Logger log = LoggerFactory.getLogger(Partition.class);

    final String topic;
    final int id;
    final Path dir;
    private final Storage storage;
    private final LogConfig logConfig;
    private final LogContext ctx;
    private volatile TopicConfig config;

    private final Object segmentsLock = new Object();
    private volatile List<Segment> segments;

    private final ReentrantLock appendLock = new ReentrantLock();
    private ByteBuffer buffer;
    private BatchTicket openTicket;
    private int openCount;
    private long openFirstTs;
    private long openMaxTs;
    private long nextOffset;
    private final AtomicLong roundRobin = new AtomicLong();
    /**
     * Sealed batches in offset order. Added under the append lock, taken by the holder of the I/O lock
     * without it: the writer never waits behind appenders for the next batch.
     */
    private final ConcurrentLinkedQueue<Sealed> sealedQueue = new ConcurrentLinkedQueue<>();
    /** sealedQueue's size, readable without a lock (asynchronous appenders skip the I/O lock when 0). */
    private final AtomicInteger sealedCount = new AtomicInteger();
    /** The ticket of the batch sealed last; written under the append lock. */
    private volatile BatchTicket lastSealed;
    /** Two written buffers kept for this partition's next batches; the rest go to the log-wide pool. */
    private final ArrayBlockingQueue<ByteBuffer> freeBuffers = new ArrayBlockingQueue<>(2);

    private final ReentrantLock ioLock = new ReentrantLock();
    /** Batches settled under the I/O lock (so in offset order), acknowledged after it is released. */
    private final ConcurrentLinkedQueue<BatchTicket> ackQueue = new ConcurrentLinkedQueue<>();
    /** Held by the one thread draining {@link #ackQueue}; only ever tried, never waited for. */
    private final ReentrantLock ackLock = new ReentrantLock();
    private volatile long writtenOffset;
    private volatile long syncedOffset;
    private volatile long unsyncedBytes;
    private volatile long lastSyncNanos = System.nanoTime();
    private volatile long oldestAsyncNanos = -1;
    /**
     * Under {@code os} and {@code interval} the flusher fsyncs in the background after every this many bytes
     * ({@link #syncInBackground}), so the fsync that seals a segment finds little left to write instead of
     * a whole segment (it held every appender up for ~60 ms per 16 MiB segment), and the durable end moves on.
     */
    static final long BACKGROUND_SYNC_BYTES = 4L << 20;

    /**
     * Under {@code os} and {@code interval} a roll does not wait for the old segment's fsync and index files:
     * the segment goes here and the flusher thread completes its seal without the I/O lock
     * ({@link #sealInBackground}), so appenders go on in the new segment meanwhile. Until then the durable
     * end stays before it, and every fsync under the I/O lock completes it first, so nothing after it is
     * promised durable while it may still be incomplete on disk (recovery relies on that: see
     * {@link #open}). At most one: a roll completes the previous one first. Guarded by {@link #sealLock}
     * for the work, read and cleared under the I/O lock.
     */
    private volatile Segment sealing;
    private volatile boolean sealingForced;
    private volatile boolean sealingDone;
    private long sealingIndexBytes;
    private final ReentrantLock sealLock = new ReentrantLock();

    /** Counts cuts of acknowledged but unsynced data ({@link #failUnsynced}), so a background fsync that raced one claims nothing. */
    private volatile int cuts;

    private final ReentrantLock dataLock = new ReentrantLock();
    private final Condition dataArrived = dataLock.newCondition();
    private volatile int waitingReaders;

    final AtomicLong droppedRecords = new AtomicLong();

    /** A batch in the write queue; {@code bodyCrc} is the CRC of its body if the appender computed it, else -1. */
    private record Sealed(ByteBuffer buf, BatchTicket ticket, int count, long maxTs, boolean pooled, long bodyCrc) {
    }

    Partition(String topic, int id, Path dir, TopicConfig config, LogConfig logConfig, LogContext ctx,
            List<Segment> segments) {
        this.topic = topic;
        this.id = id;
        this.dir = dir;
        this.config = config;
        this.logConfig = logConfig;
        this.storage = logConfig.storage();
        this.ctx = ctx;
        this.segments = List.copyOf(segments);
        Segment active = segments.get(segments.size() - 1);
        this.nextOffset = active.endOffset();
        this.writtenOffset = nextOffset;
        this.syncedOffset = nextOffset;
    }

    /**
     * Opens a partition directory: sealed segments are trusted up to their size (their indexes checked),
     * the active one is scanned and its bad tail cut; an empty directory gets a first segment.
     */
    static Partition open(String topic, int id, Path dir, TopicConfig config, LogConfig logConfig, LogContext ctx,
            boolean readOnly) throws IOException {
        Storage storage = logConfig.storage();
        if (!readOnly) {
            storage.createDirectories(dir);
        }
        TreeMap<Long, String> logs = new TreeMap<>();
        for (String name : storage.list(dir)) {
            if (name.endsWith(AtomicFiles.TMP)) {
                if (!readOnly) {
                    storage.delete(dir.resolve(name));
                }
            } else if (name.endsWith(Segment.LOG)) {
                Long base = parseBase(name, Segment.LOG);
                if (base != null) {
                    logs.put(base, name);
                }
            }
        }
        // A roll cut short by a crash or an I/O error can leave an empty segment file while the segment before
        // it went on receiving records; it holds nothing and would make that segment look shorter than it is.
        // So every empty segment file goes, except the last one left (an empty partition keeps its offset) and
        // a rolled segment that a power cut emptied before its background seal (kept for the scan below).
        long maxBatch = maxBatchBytes(config, logConfig);
        for (Long base : new ArrayList<>(logs.keySet())) {
            if (logs.size() > 1 && storage.size(dir.resolve(logs.get(base))) == 0
                    && !(!readOnly && isRolledAndEmptied(storage, dir, logs, base, logConfig, maxBatch))) {
                if (!readOnly) {
                    storage.delete(dir.resolve(logs.get(base)));
                }
                logs.remove(base);
            }
        }
        for (String name : storage.list(dir)) {
            String stem = name.endsWith(Segment.INDEX) ? name.substring(0, name.length() - Segment.INDEX.length())
                    : name.endsWith(Segment.TIME_INDEX) ? name.substring(0, name.length() - Segment.TIME_INDEX.length())
                    : null;
            if (stem != null && !readOnly && !logs.containsValue(stem + Segment.LOG)) {
                storage.delete(dir.resolve(name));
            }
        }
        List<Segment> segs = new ArrayList<>();
        if (logs.isEmpty() && readOnly) {
            throw new LogException("partition directory " + dir + " has no segment");
        } else if (logs.isEmpty()) {
            segs.add(Segment.create(storage, dir, 0, logConfig.indexIntervalBytes()));
            storage.syncDirectory(dir);
        } else {
            List<Long> bases = new ArrayList<>(logs.keySet());
            for (int i = 0; i < bases.size() - 1; i++) {
                if (i == bases.size() - 2 && !readOnly && !hasIndexFiles(storage, dir, bases.get(i))) {
                    // Under os and interval a roll fsyncs and indexes the old segment after the new one exists
                    // (sealInBackground); a crash before that ended may have left the old one incomplete.
                    Segment prev = openUnsealed(topic, id, dir, storage, logConfig, bases.get(i), bases.get(i + 1),
                            maxBatch);
                    if (prev != null) {
                        segs.add(prev);
                        continue;
                    }
                    Segment active = Segment.openActive(storage, dir, bases.get(i), logConfig.indexIntervalBytes(), false);
                    Segment.Recovery r = active.recover(maxBatch, false);
                    long dropped = storage.size(dir.resolve(logs.get(bases.get(i + 1))));
                    storage.delete(dir.resolve(logs.get(bases.get(i + 1))));
                    storage.syncDirectory(dir);
                    ctx.onRecoveryCut(topic, id, new Segment.Recovery(r.validBytes(), r.cutBytes() + dropped,
                            r.keptAside(), r.reason(), r.corruptFile()));
                    log.warn("{}-{}: segment {} was rolled but not yet complete on disk: cut {} bytes after byte {} ({}){}"
                            + " and deleted the segment after it ({} bytes of records never fsynced)", topic, id,
                            active.logPath().getFileName(), r.cutBytes(), r.validBytes(), r.reason(),
                            r.keptAside() ? ", kept aside in " + r.corruptFile().getFileName() : "", dropped);
                    segs.add(active);
                    return new Partition(topic, id, dir, config, logConfig, ctx, segs);
                }
                segs.add(Segment.openSealed(storage, dir, bases.get(i), bases.get(i + 1), logConfig.indexIntervalBytes(),
                        maxBatch, readOnly));
            }
            Segment active = Segment.openActive(storage, dir, bases.get(bases.size() - 1), logConfig.indexIntervalBytes(),
                    readOnly);
            Segment.Recovery r = active.recover(maxBatch, readOnly);
            if (r.cutBytes() > 0 && readOnly) {
                log.info("{}-{}: {} bytes after byte {} of {} are not (yet) a valid batch: {}", topic, id, r.cutBytes(),
                        r.validBytes(), active.logPath().getFileName(), r.reason());
            } else if (r.cutBytes() > 0) {
                ctx.onRecoveryCut(topic, id, r);
                if (r.keptAside()) {
                    log.warn("{}-{}: cut {} bytes after byte {} of {} ({}); kept aside in {}", topic, id, r.cutBytes(),
                            r.validBytes(), active.logPath().getFileName(), r.reason(), r.corruptFile().getFileName());
                } else {
                    log.info("{}-{}: dropped {} zero bytes after byte {} of {}", topic, id, r.cutBytes(), r.validBytes(),
                            active.logPath().getFileName());
                }
            }
            segs.add(active);
        }
        return new Partition(topic, id, dir, config, logConfig, ctx, segs);
    }

    /**
     * An empty segment file before the last one is usually left by a roll that failed (the segment before
     * it went on receiving records). But a segment rolled under {@code os} or {@code interval} whose data
     * a power cut dropped before its seal completed is empty too, and deleting it would leave a gap in the
     * offsets: that one is the second to last, has no index files, and the segment before it (if any)
     * ends exactly where it begins.
     */
    private static boolean isRolledAndEmptied(Storage storage, Path dir, TreeMap<Long, String> logs, long base,
            LogConfig logConfig, long maxBatch) throws IOException {
        Long next = logs.higherKey(base);
        if (next == null || logs.higherKey(next) != null || hasIndexFiles(storage, dir, base)) {
            return false;
        }
        Long prev = logs.lowerKey(base);
        if (prev == null) {
            return true;
        }
        Segment p = Segment.openActive(storage, dir, prev, logConfig.indexIntervalBytes(), true);
        try {
            p.recover(maxBatch, true);
            return p.endOffset() == base;
        } finally {
            p.close();
        }
    }

    private static boolean hasIndexFiles(Storage storage, Path dir, long base) {
        return storage.exists(dir.resolve(Segment.name(base, Segment.INDEX)))
                && storage.exists(dir.resolve(Segment.name(base, Segment.TIME_INDEX)));
    }

    /**
     * Opens a segment that was rolled but whose seal may not have completed: scans it like an active segment
     * and, if it is intact up to {@code nextBase}, completes the seal (fsync, index files) and returns it.
     * Returns null if it is damaged or short, leaving the file untouched for the caller to recover.
     */
    private static Segment openUnsealed(String topic, int id, Path dir, Storage storage, LogConfig logConfig,
            long base, long nextBase, long maxBatch) throws IOException {
        Segment s = Segment.openActive(storage, dir, base, logConfig.indexIntervalBytes(), true);
        Segment.Recovery r = s.recover(maxBatch, true);
        if (r.cutBytes() > 0 || s.endOffset() != nextBase) {
            s.close();
            return null;
        }
        s.completeSeal();
        s.markSealed();
        log.info("{}-{}: completed the seal of {}", topic, id, s.logPath().getFileName());
        return s;
    }

    static Long parseBase(String name, String suffix) {
        String stem = name.substring(0, name.length() - suffix.length());
        if (stem.length() != 20) {
            return null;
        }
        try {
            return Long.parseLong(stem);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The largest batch a scan accepts. Not tied to the current settings: a topic's maxRecordBytes or the
     * write buffer may have been larger when older batches were written, and those must still validate.
     */
    static long maxBatchBytes(TopicConfig config, LogConfig logConfig) {
        return Math.max(MAX_BATCH_BYTES, Math.max((long) logConfig.writeBufferBytes(),
                (long) config.maxRecordBytes() + Batch.HEADER_SIZE));
    }

    static final long MAX_BATCH_BYTES = (64L << 20) + Batch.HEADER_SIZE + 16;

    void updateConfig(TopicConfig c) {
        this.config = c;
    }

    TopicConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- appending

    /** Picks a partition for a record without a key: round-robin, as Kafka did before KIP-480. */
    long nextRoundRobin() {
        return roundRobin.getAndIncrement();
    }

    /**
     * Stage one: encodes a record into the open batch and returns its ticket; {@code out[0]} receives the
     * offset. If the record does not fit, the open batch is sealed first.
     */
    BatchTicket add(LogRecord r, long timestamp, long[] out) {
        return add(r, timestamp, out, null);
    }

    /** The timestamp {@link #addAsync} takes for "now": the thread's batch stamps it ({@link AppenderBatch#now}). */
    static final long NOW = -1;

    /**
     * Stage one for an asynchronous append: the record goes into this thread's own batch, which gets its
     * offsets when it is full, lingers, or is flushed ({@link #submit}); {@code f} is completed when that
     * batch is decided. A record larger than a write buffer takes the shared path.
     */
    void addAsync(LogRecord r, long timestamp, CompletableFuture<AppendResult> f) {
        int tail = Batch.tailSize(r);
        int room = logConfig.writeBufferBytes() - Batch.HEADER_SIZE;
        if (Batch.PREFIX_MAX + tail > room) {
            // Larger than a write buffer: a batch of its own through the shared path (which hands this
            // thread's batch over first).
            add(r, timestamp == NOW ? logConfig.clock().millis() : timestamp, null, f);
            return;
        }
        if (ctx.failure(this) != null) {
            throw ctx.failure(this);
        }
        AppenderBatch b = appenderBatch.get();
        if (b == null) {
            b = new AppenderBatch(Thread.currentThread());
            appenderBatch.set(b);
            appenderBatches.add(b);
        }
        int maxRecord = config.maxRecordBytes();
        synchronized (b) {
            long ts = timestamp == NOW ? b.now(logConfig.clock()) : timestamp;
            int size = Batch.recordSize(tail, b.deltaOf(ts), b.count());
            if (size > maxRecord) {
                throw new RecordTooLargeException("record of " + size + " bytes (encoded) is larger than maxRecordBytes="
                        + maxRecord + " of topic '" + topic + "'");
            }
            if (b.count() > 0 && b.size() + size > room) {
                submit(b, true);
                size = Batch.recordSize(tail, 0, 0);
            }
            boolean first = b.count() == 0;
            b.add(r, tail, size, ts, f);
            if (first) {
                ctx.wakeFlusherBy(b.opened() + TimeUnit.MICROSECONDS.toNanos(logConfig.asyncLingerMicros()));
            }
            if (b.size() + 16 > room) {
                submit(b, true);
            }
        }
    }

    /**
     * Asynchronous appends of each thread go into a batch of its own ({@link AppenderBatch}) instead of
     * the shared open batch: with 4 appenders on 2 cores the shared append lock, taken per record, was
     * where the appenders spent their time. Each batch gets its offsets when it is handed over here.
     */
    private final ThreadLocal<AppenderBatch> appenderBatch = new ThreadLocal<>();
    /** Every thread's batch, for the flusher's linger and for flush and close. */
    private final ConcurrentLinkedQueue<AppenderBatch> appenderBatches = new ConcurrentLinkedQueue<>();

    /**
     * Hands a thread's batch to the write queue (the caller holds its monitor): the copy into a write
     * buffer happens before the append lock is taken; under it, the shared open batch is sealed first
     * (its offsets come before), then the batch gets the next offsets.
     */
    private void submit(AppenderBatch b, boolean full) {
        if (b.count() == 0) {
            return;
        }
        ByteBuffer buf = takeBuffer(Batch.HEADER_SIZE + b.size());
        buf.position(Batch.HEADER_SIZE);
        buf.put(b.bytes(), 0, b.size());
        Batch.sealHeader(buf, 0, 0, b.count(), b.firstTs(), b.maxTs());
        buf.flip();
        // The body's CRC is computed here, by each appender in parallel; the one writer only completes it
        // with the header bytes that the offsets change (Crc32cCombine), where it used to spend ~7 us per
        // 64 KiB batch while every other appender waited for the write queue to drain.
        long bodyCrc = Integer.toUnsignedLong(Batch.bodyCrc(buf, 0));
        boolean pooled = buf.isDirect() && buf.capacity() == logConfig.writeBufferBytes();
        LogException failed;
        lockAppend();
        try {
            failed = ctx.failure(this);
            if (failed == null) {
                sealOpen();
                long base = nextOffset;
                nextOffset += b.count();
                buf.putLong(Batch.OFFSET_POS, base);
                BatchTicket t = new BatchTicket(topic, id, base);
                Sealed sealed = new Sealed(buf, t, b.count(), b.maxTs(), pooled, bodyCrc);
                b.moveTo(t, full);
                sealedQueue.add(sealed);
                sealedCount.incrementAndGet();
                lastSealed = t;
            }
        } finally {
            appendLock.unlock();
        }
        if (failed != null) {
            b.fail(failed);
        }
    }

    /** Hands this thread's batch over, so that a record it appends another way comes after it. */
    private void submitOwn() {
        AppenderBatch b = appenderBatch.get();
        if (b != null && b.count() > 0) {
            synchronized (b) {
                submit(b, false);
            }
        }
    }

    /**
     * Hands every thread's batch over (flush, close, the flusher's linger). The batches of ended threads are
     * forgotten by {@link #oldestAsyncNanos}, which the flusher asks every pass, once they are empty.
     */
    private void submitAll() {
        for (AppenderBatch b : appenderBatches) {
            synchronized (b) {
                submit(b, false);
            }
        }
    }

    private BatchTicket add(LogRecord r, long timestamp, long[] out, CompletableFuture<AppendResult> f) {
        submitOwn();
        int maxRecord = config.maxRecordBytes();
        // Everything that does not need the lock is done before taking it.
        int tail = Batch.tailSize(r);
        byte[] enc = null;
        if (tail <= Batch.PRE_ENCODE_MAX) {
            enc = Batch.scratch(Batch.PREFIX_MAX + tail);
            Batch.encodeTail(r, enc, Batch.PREFIX_MAX);
        }
        lockAppend();
        try {
            if (ctx.failure(this) != null) {
                throw ctx.failure(this);
            }
            BatchTicket t = addLocked(r, tail, enc, Batch.PREFIX_MAX, timestamp, maxRecord, f);
            if (out != null) {
                out[0] = nextOffset - 1;
            }
            return t;
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * The append lock is held for a few dozen nanoseconds per record: a contended appender retries for
     * about as long before it parks, because parking and the unpark on release cost microseconds each (two
     * system calls and a context switch) and were a tenth of the CPU with 4 appenders on 2 cores.
     */
    private void lockAppend() {
        for (int i = 0; i < 256; i++) {
            if (appendLock.tryLock()) {
                return;
            }
            if (i < 32) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        appendLock.lock();
    }

    /**
     * Stage one for many records under one acquisition of the append lock: the records
     * {@code records[idx[k]]} for k in [from, to) (or {@code records[k]} if {@code idx} is null), in that
     * order, with timestamps {@code ts[i]}; their offsets and tickets go to {@code offsetsOut[i]} and
     * {@code ticketsOut[i]}. A record that cannot be added throws, as {@link #add} does, after the records
     * before it were added.
     */
    void addAll(List<LogRecord> records, int[] idx, int from, int to, long[] ts, long[] offsetsOut,
            BatchTicket[] ticketsOut) {
        submitOwn();
        int maxRecord = config.maxRecordBytes();
        int[] tails = new int[to - from];
        // Where each record's tail was pre-encoded in this thread's scratch array, or -1.
        int[] at = new int[to - from];
        int total = 0;
        for (int k = from; k < to; k++) {
            int tail = Batch.tailSize(records.get(idx == null ? k : idx[k]));
            tails[k - from] = tail;
            if (tail <= Batch.PRE_ENCODE_MAX && total + Batch.PREFIX_MAX + tail <= Batch.SCRATCH_MAX) {
                at[k - from] = total + Batch.PREFIX_MAX;
                total += Batch.PREFIX_MAX + tail;
            } else {
                at[k - from] = -1;
            }
        }
        byte[] enc = Batch.scratch(total);
        for (int k = from; k < to; k++) {
            if (at[k - from] >= 0) {
                Batch.encodeTail(records.get(idx == null ? k : idx[k]), enc, at[k - from]);
            }
        }
        appendLock.lock();
        try {
            if (ctx.failure(this) != null) {
                throw ctx.failure(this);
            }
            for (int k = from; k < to; k++) {
                int i = idx == null ? k : idx[k];
                int a = at[k - from];
                ticketsOut[i] = addLocked(records.get(i), tails[k - from], a < 0 ? null : enc, a, ts[i], maxRecord, null);
                offsetsOut[i] = nextOffset - 1;
            }
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Adds one record to the open batch (sealing it first if the record does not fit); under the append
     * lock. {@code enc} holds its pre-encoded tail at {@code encAt} (see {@link Batch#encodeTail}), or is null.
     */
    private BatchTicket addLocked(LogRecord r, int tail, byte[] enc, int encAt, long timestamp, int maxRecord,
            CompletableFuture<AppendResult> f) {
        long tsDelta = openCount == 0 ? 0 : timestamp - openFirstTs;
        int offDelta = openCount;
        int size = Batch.recordSize(tail, tsDelta, offDelta);
        if (size > maxRecord) {
            throw new RecordTooLargeException("record of " + size + " bytes (encoded) is larger than maxRecordBytes="
                    + maxRecord + " of topic '" + topic + "'");
        }
        if (openCount > 0 && size > buffer.remaining()) {
            sealOpen();
            tsDelta = 0;
            offDelta = 0;
            size = Batch.recordSize(tail, 0, 0);
        }
        if (openCount == 0) {
            buffer = takeBuffer(Batch.HEADER_SIZE + size);
            buffer.position(Batch.HEADER_SIZE);
            openTicket = new BatchTicket(topic, id, nextOffset);
            openFirstTs = timestamp;
            openMaxTs = timestamp;
        }
        if (enc != null) {
            Batch.writeRecord(buffer, enc, encAt, tail, tsDelta, offDelta);
        } else {
            Batch.writeRecord(buffer, r, tail, tsDelta, offDelta);
        }
        openCount++;
        if (timestamp > openMaxTs) {
            openMaxTs = timestamp;
        }
        long offset = nextOffset++;
        BatchTicket t = openTicket;
        if (f != null) {
            t.addFuture(f, offset, timestamp, buffer.capacity() / size + 1);
            if (oldestAsyncNanos < 0) {
                long now = System.nanoTime();
                oldestAsyncNanos = now;
                ctx.wakeFlusherBy(now + TimeUnit.MICROSECONDS.toNanos(logConfig.asyncLingerMicros()));
            }
        }
        if (buffer.remaining() < 16) {
            sealOpen();
        }
        return t;
    }

    private ByteBuffer takeBuffer(int atLeast) {
        int size = logConfig.writeBufferBytes();
        if (atLeast > size) {
            return ByteBuffer.allocate(atLeast);
        }
        ByteBuffer b = freeBuffers.poll();
        if (b == null) {
            b = ctx.takeSpareBuffer();
        }
        if (b == null || b.capacity() != size) {
            b = ByteBuffer.allocateDirect(size);
        }
        b.clear();
        return b;
    }

    /** Seals the open batch into the write queue; called under the append lock. */
    private void sealOpen() {
        if (openCount == 0) {
            return;
        }
        // The CRC (about 7 us for a full 64 KiB batch) is left to the writer: under this lock it made
        // every other appender wait at each seal.
        Batch.sealHeader(buffer, 0, openTicket.baseOffset, openCount, openFirstTs, openMaxTs);
        buffer.flip();
        boolean pooled = buffer.isDirect() && buffer.capacity() == logConfig.writeBufferBytes();
        sealedQueue.add(new Sealed(buffer, openTicket, openCount, openMaxTs, pooled, -1));
        sealedCount.incrementAndGet();
        lastSealed = openTicket;
        // The flusher's linger applies to the open batch only; a sealed one is written by whoever seals or
        // holds the I/O lock. Without this the linger ran from the first record of some earlier batch, and
        // the flusher cut every open batch short each time it expired.
        oldestAsyncNanos = -1;
        buffer = null;
        openTicket = null;
        openCount = 0;
    }

    /** When the oldest asynchronous record waiting in an open batch (shared or a thread's) came, or -1. */
    long oldestAsyncNanos() {
        long oldest = oldestAsyncNanos;
        for (AppenderBatch b : appenderBatches) {
            boolean ended = !b.owner.isAlive();
            long o = b.openedNanos();
            if (o >= 0 && (oldest < 0 || o - oldest < 0)) {
                oldest = o;
            } else if (o < 0 && ended) {
                // Empty, and its thread ended: nothing will come (a pending one goes at the linger first).
                appenderBatches.remove(b);
            }
        }
        return oldest;
    }

    /**
     * Stage two: makes sure {@code ticket}'s batch is decided (written, and synced under {@code always}),
     * writing it and everything before it if nobody else has. Returns with the ticket acked or failed.
     */
    void complete(BatchTicket ticket) {
        if (ticket.isDone()) {
            return;
        }
        ioLock.lock();
        try {
            if (!ticket.isDone()) {
                writePending(ticket);
            }
        } finally {
            unlockIo();
        }
        // Written by an earlier holder of the I/O lock, whose acknowledgements may still be running.
        for (int spins = 0; !ticket.isDone(); spins++) {
            drainAcks();
            if (!ticket.isDone()) {
                if (spins < 100) {
                    Thread.yield();
                } else {
                    LockSupport.parkNanos(20_000);
                }
            }
        }
    }

    /** Writes every open and sealed batch now; used by the flusher for lingering asynchronous appends and by flush(). */
    void writeAll() {
        ioLock.lock();
        try {
            writePending(null);
        } finally {
            unlockIo();
        }
    }

    /**
     * Writes batches that are already sealed (full), leaving the open one to fill. An asynchronous appender
     * that filled a buffer writes it itself if the I/O lock is free; if another thread is writing, it goes
     * on appending and that thread takes the batch over when it releases the lock ({@link #unlockIo}).
     * Only past {@link #MAX_QUEUED_BATCHES} sealed batches does it wait (backpressure, bounded memory).
     */
    void writeSealed() {
        int queued = sealedCount.get();
        if (queued == 0) {
            return;
        }
        if (queued < MAX_QUEUED_BATCHES) {
            if (!ioLock.tryLock()) {
                return;
            }
        } else {
            ioLock.lock();
        }
        try {
            writeSealedLocked();
        } finally {
            unlockIo();
        }
    }

    /** Sealed batches an asynchronous appender leaves to the thread holding the I/O lock before it waits. */
    static final int MAX_QUEUED_BATCHES = 4;

    private void writeSealedLocked() {
        BatchTicket last = lastSealed;
        if (last != null && !last.isSettled()) {
            writePending(last);
        }
    }

    /**
     * Releases the I/O lock, acknowledges what its holder wrote, then writes any batch sealed meanwhile by
     * an appender that found the lock taken ({@link #writeSealed} does not wait for it): the appender's
     * count is published before its failed tryLock, and this check comes after the release, so one of the
     * two always sees the other.
     */
    private void unlockIo() {
        while (true) {
            releaseIoAndAck();
            if (sealedCount.get() == 0 || !ioLock.tryLock()) {
                return;
            }
            try {
                writeSealedLocked();
            } catch (RuntimeException e) {
                releaseIoAndAck();
                throw e;
            }
        }
    }

    /**
     * Acknowledgements (completing up to a buffer's worth of futures) run after the I/O lock is released,
     * so the next write overlaps them.
     */
    private void releaseIoAndAck() {
        ioLock.unlock();
        drainAcks();
    }

    /**
     * Acknowledges settled batches in the order they were written: one thread at a time drains the queue,
     * and a thread that finds another one draining leaves its batches to it (the same hand-over as
     * {@link #unlockIo}). Nobody waits for the ack lock, so a future's callback may append again, even
     * blocking, without a deadlock.
     */
    private void drainAcks() {
        while (!ackQueue.isEmpty() && ackLock.tryLock()) {
            try {
                BatchTicket t;
                while ((t = ackQueue.poll()) != null) {
                    t.ack();
                }
            } finally {
                ackLock.unlock();
            }
        }
    }

    /** Under the I/O lock: writes sealed batches in order (sealing the open one) until {@code until} is decided. */
    private void writePending(BatchTicket until) {
        List<BatchTicket> awaitingSync = null;
        boolean always = config.durability() == Durability.ALWAYS;
        if (until == null) {
            // "Everything" means everything appended before this call; appenders that keep coming must
            // not hold the caller (the flusher, flush, close) here forever.
            submitAll();
            appendLock.lock();
            try {
                until = openCount > 0 ? openTicket : lastSealed;
            } finally {
                appendLock.unlock();
            }
            if (until == null || until.isSettled()) {
                return;
            }
        }
        while (true) {
            Sealed s = sealedQueue.poll();
            if (s == null) {
                if (until.isSettled()) {
                    break;
                }
                appendLock.lock();
                try {
                    sealOpen();
                } finally {
                    appendLock.unlock();
                }
                s = sealedQueue.poll();
                if (s == null) {
                    break;
                }
            }
            sealedCount.decrementAndGet();
            try {
                writeBatch(s);
            } catch (RuntimeException e) {
                failPending(s, e);
                if (awaitingSync != null) {
                    // Batches written earlier in this round are neither synced nor decided yet: sync them
                    // (a roll on the way may have already), or cut them and fail them with the rest.
                    syncAndAck(awaitingSync);
                }
                return;
            } finally {
                if (s.pooled() && !freeBuffers.offer(s.buf())) {
                    ctx.returnSpareBuffer(s.buf());
                }
            }
            if (always) {
                if (awaitingSync == null) {
                    awaitingSync = new ArrayList<>();
                }
                awaitingSync.add(s.ticket());
            } else {
                settle(s.ticket());
                publish();
            }
            if (s.ticket() == until || (until.isSettled() && !always)) {
                break;
            }
        }
        if (awaitingSync != null) {
            syncAndAck(awaitingSync);
        }
    }

    /** Under the I/O lock: the batch is durable per the policy; {@link #releaseIoAndAck} acknowledges it. */
    private void settle(BatchTicket t) {
        t.settle();
        ackQueue.add(t);
    }

    /** Syncs the batches written this round and acknowledges them, or cuts and fails them if the sync fails. */
    private void syncAndAck(List<BatchTicket> written) {
        try {
            syncNow();
        } catch (RuntimeException e) {
            failUnsynced(written, e);
            return;
        }
        for (BatchTicket t : written) {
            settle(t);
        }
        publish();
    }

    /** Writes one sealed batch, rolling the segment and making room in the disk budget first if needed. */
    private void writeBatch(Sealed s) {
        // A batch sealed from the shared open batch (under the append lock) leaves its body's CRC to this writer.
        Batch.putCrc(s.buf(), 0, s.bodyCrc() >= 0 ? (int) s.bodyCrc() : Batch.bodyCrc(s.buf(), 0));
        if (sealingDone && sealing != null) {
            try {
                finishSeal();
            } catch (IOException e) {
                throw ctx.translate(e, "seal of " + sealing);
            }
        }
        Segment active = active();
        int len = s.buf().limit();
        long now = logConfig.clock().millis();
        boolean roll = active.size() > 0 && (active.size() + len > config.segmentBytes()
                || (active.firstAppendMs() >= 0 && now - active.firstAppendMs() >= config.segmentMs()));
        if (roll && sealing != null && !sealingDone && active.size() + len <= rollDeferLimit()) {
            // The previous segment's seal (its fsync and index files, on the flusher thread) is still
            // running: a roll now would wait for it under the I/O lock and stall every appender. The active
            // segment takes the batch instead and rolls at the next write after the seal completes.
            roll = false;
        }
        ctx.reserve(this, len + (roll ? Math.max(4096, active.pendingIndexBytes()) : 0));
        try {
            if (roll) {
                active = roll(active);
            }
            long before = active.size();
            try {
                active.append(s.buf(), s.ticket().baseOffset, s.count(), s.maxTs(), now);
            } catch (IOException e) {
                try {
                    active.truncateTo(before, writtenOffset);
                } catch (IOException t) {
                    e.addSuppressed(t);
                    ctx.markFailed(this, new LogException("partition " + topic + "-" + id
                            + " could not cut a failed write; reopen the log", e));
                }
                throw ctx.translate(e, "write to " + active.logPath());
            }
            ctx.added(len);
            if (config.durability() != Durability.ALWAYS && before / BACKGROUND_SYNC_BYTES != (before + len) / BACKGROUND_SYNC_BYTES) {
                ctx.wakeFlusher();
            }
            writtenOffset = s.ticket().baseOffset + s.count();
            unsyncedBytes += len;
            long byteLimit = config.flushIntervalBytes();
            if (config.durability() == Durability.INTERVAL && byteLimit > 0 && unsyncedBytes >= byteLimit) {
                // The byte limit is kept by the writer itself, so the unsynced window never grows past
                // flushIntervalBytes (plus one batch) however fast appends come; the flusher keeps the time limit.
                syncForIntervalLocked();
            }
        } catch (IOException e) {
            throw ctx.translate(e, "roll of " + active.logPath());
        }
    }

    /**
     * How large the active segment may grow past {@code segmentBytes} while the previous segment is still
     * sealing: half a segment more (positions in the index are ints, so never past 2 GiB).
     */
    private long rollDeferLimit() {
        return Math.min(config.segmentBytes() + config.segmentBytes() / 2, Integer.MAX_VALUE);
    }

    /**
     * Seals the active segment and opens the next one. Under {@code always} the seal (fsync + index files)
     * comes first; otherwise it is left to {@link #sealInBackground}, and so is the directory fsync that
     * makes the new segment's entry durable (under the I/O lock it held every appender up for a few ms
     * per roll). Under the I/O lock.
     */
    private Segment roll(Segment old) throws IOException {
        finishSeal();
        boolean background = config.durability() != Durability.ALWAYS;
        if (!background) {
            old.seal();
            syncedOffset = writtenOffset;
            unsyncedBytes = 0;
            publish();
        }
        Segment next = null;
        try {
            next = Segment.create(storage, dir, writtenOffset, logConfig.indexIntervalBytes());
            if (!background) {
                storage.syncDirectory(dir);
            }
        } catch (IOException e) {
            // The old segment stays active and may receive more records; a new file left behind would claim
            // their offsets after a reopen. Remove it (Partition.open drops it if this fails too).
            try {
                if (next != null) {
                    next.close();
                }
                storage.delete(dir.resolve(Segment.name(writtenOffset, Segment.LOG)));
            } catch (IOException d) {
                e.addSuppressed(d);
            }
            throw e;
        }
        if (background) {
            old.markRolled();
            // The index files are written later; the budget counts them now, as if the seal had written them.
            sealingIndexBytes = old.pendingIndexBytes();
            ctx.added(sealingIndexBytes);
            sealingForced = false;
            sealingDone = false;
            sealing = old;
        } else {
            old.markSealed();
            // The disk budget counts the index files the seal wrote (retention subtracts them again).
            ctx.added(old.diskBytes() - old.size());
        }
        synchronized (segmentsLock) {
            List<Segment> l = new ArrayList<>(segments);
            l.add(next);
            segments = Collections.unmodifiableList(l);
        }
        if (background) {
            ctx.wakeFlusher();
        }
        log.debug("{}-{}: rolled to segment {}", topic, id, next.baseOffset());
        return next;
    }

    /** Rolls the active segment if it is non-empty and older than segmentMs; used by the maintenance pass. */
    void rollIfOld(long nowMs) {
        Segment a = active();
        if (a.size() == 0 || a.firstAppendMs() < 0 || nowMs - a.firstAppendMs() < config.segmentMs()) {
            return;
        }
        forceRoll();
    }

    /** Rolls a non-empty active segment so retention may delete it. */
    void forceRoll() {
        ioLock.lock();
        try {
            writePending(null);
            Segment a = active();
            if (a.size() > 0) {
                roll(a);
            }
        } catch (IOException e) {
            log.warn("{}-{}: segment roll failed: {}", topic, id, e.toString());
        } finally {
            unlockIo();
        }
    }

    /**
     * Completes the seal of a rolled segment, if one is pending, and moves the durable end past it. Under
     * the I/O lock; it only waits for the flusher thread if that is sealing it right now.
     */
    private void finishSeal() throws IOException {
        Segment s = sealing;
        if (s == null) {
            return;
        }
        if (!sealingDone) {
            sealLock.lock();
            try {
                if (!sealingDone) {
                    completeSeal(s);
                }
            } finally {
                sealLock.unlock();
            }
        }
        sealing = null;
        if (s.endOffset() > syncedOffset) {
            syncedOffset = s.endOffset();
            publish();
        }
    }

    /**
     * Makes a rolled segment's data durable, if one is pending, and moves the durable end past it; its
     * index files may follow later. Under the I/O lock, before any fsync of the active segment: what that
     * fsync makes durable may be promised only once everything before it is.
     */
    private void ensureSealingDurable() throws IOException {
        Segment s = sealing;
        if (s == null) {
            return;
        }
        forceSealingOnce(s);
        if (s.endOffset() > syncedOffset) {
            syncedOffset = s.endOffset();
            publish();
        }
    }

    /**
     * fsync of the rolled segment {@code s}, unless that was done already or its seal has completed since
     * (then it is durable); without the I/O lock, an fsync under it waits for this one at most.
     */
    private void forceSealingOnce(Segment s) throws IOException {
        if (sealingForced && sealing == s) {
            return;
        }
        sealLock.lock();
        try {
            if (sealing == s && !sealingForced) {
                forceSealing(s);
            }
        } finally {
            sealLock.unlock();
        }
    }

    /**
     * Under the seal lock: fsync of a rolled segment (nothing to do once retention deleted it), and of the
     * directory, which makes the next segment's entry durable. A background roll leaves that directory
     * fsync to this step, off the append path; every fsync that moves the durable end into the next
     * segment comes after this one ({@link #ensureSealingDurable}, {@link #syncInBackground}).
     */
    private void forceSealing(Segment s) throws IOException {
        if (!s.isDeleted()) {
            try {
                s.force();
            } catch (IOException e) {
                if (!s.isDeleted()) {
                    throw e;
                }
            }
        }
        storage.syncDirectory(dir);
        sealingForced = true;
    }

    /** Under the seal lock: fsync and index files of a rolled segment (nothing to do once retention deleted it). */
    private void completeSeal(Segment s) throws IOException {
        if (!sealingForced) {
            forceSealing(s);
        }
        if (!s.isDeleted()) {
            try {
                s.writeSealIndex();
                // The budget counted the index files at the roll; it now learns their real size.
                ctx.added(s.diskBytes() - s.size() - sealingIndexBytes);
                sealingDone = true;
                return;
            } catch (IOException e) {
                if (!s.isDeleted()) {
                    throw e;
                }
            }
        }
        // Deleted before its index files were written: they will never take the space counted for them.
        ctx.removed(sealingIndexBytes);
        sealingDone = true;
    }

    /** Index bytes the budget counts for a rolled segment whose index files are not written yet. */
    long uncommittedIndexBytes() {
        return sealing != null && !sealingDone ? sealingIndexBytes : 0;
    }

    /** True if a rolled segment waits for {@link #sealInBackground}. */
    boolean needsSeal() {
        return sealing != null && !sealingDone;
    }

    /**
     * The flusher's part of a roll under {@code os} and {@code interval}: fsync and index files of the
     * segment just rolled, without the I/O lock, so appends go on meanwhile. A failure is logged and
     * retried at the next pass; until it succeeds the durable end stays before the segment.
     */
    void sealInBackground() {
        Segment s = sealing;
        if (s == null || sealingDone) {
            return;
        }
        try {
            // Two steps, so that an fsync under the I/O lock waits for this one at most, not for the index files.
            forceSealingOnce(s);
        } catch (IOException e) {
            ctx.syncFailures.incrementAndGet();
            log.warn("{}-{}: sealing {} failed, will retry: {}", topic, id, s.logPath(), e.toString());
            return;
        }
        sealLock.lock();
        try {
            if (sealing == s && !sealingDone) {
                completeSeal(s);
            }
        } catch (IOException e) {
            ctx.syncFailures.incrementAndGet();
            log.warn("{}-{}: sealing {} failed, will retry: {}", topic, id, s.logPath(), e.toString());
            return;
        } finally {
            sealLock.unlock();
        }
        // Moving the durable end needs the I/O lock; if appenders hold it, the next one to write does it.
        if (ioLock.tryLock()) {
            try {
                finishSeal();
            } catch (IOException e) {
                log.warn("{}-{}: sealing {} failed, will retry: {}", topic, id, s.logPath(), e.toString());
            } finally {
                unlockIo();
            }
        }
    }

    /** fsync of the active segment. Under the I/O lock (called from writePending). */
    private void syncNow() {
        if (syncedOffset == writtenOffset) {
            return;
        }
        Segment a = active();
        try {
            ensureSealingDurable();
            a.force();
        } catch (IOException e) {
            throw ctx.translate(e, "fsync of " + a.logPath());
        }
        ctx.syncs.incrementAndGet();
        syncedOffset = writtenOffset;
        unsyncedBytes = 0;
        lastSyncNanos = System.nanoTime();
        publish();
    }

    /**
     * The flusher's fsync ({@code os} and {@code interval}), without the I/O lock: appends go on while the
     * disk writes, and only
     * moving the durable end takes the lock for a moment. What it makes durable is what was written before
     * it started: the offset is read first, then the segments that hold it are fsynced (a rolled segment
     * still sealing, then the active one). A failure is logged and counted and the bytes stay: they were
     * already acknowledged, and the next fsync (this one again, or the seal's) writes them again
     * ({@link Segment#force}).
     */
    void syncInBackground() {
        long target = writtenOffset;
        if (target == syncedOffset) {
            return;
        }
        long bytes = unsyncedBytes;
        long started = System.nanoTime();
        int cutsBefore = cuts;
        Segment a = active();
        try {
            Segment s = sealing;
            if (s != null) {
                forceSealingOnce(s);
            }
            a.force();
        } catch (IOException e) {
            if (!a.isDeleted()) {
                ctx.syncFailures.incrementAndGet();
                log.error("{}-{}: background fsync failed, will retry: {}", topic, id, e.toString());
            }
            return;
        }
        ctx.syncs.incrementAndGet();
        ioLock.lock();
        try {
            // A failed 'always' fsync may have cut the log meanwhile (the durability can change at run time).
            if (cuts == cutsBefore && target > syncedOffset && target <= writtenOffset) {
                syncedOffset = target;
                unsyncedBytes = Math.max(0, unsyncedBytes - bytes);
                lastSyncNanos = started;
                publish();
            }
        } finally {
            unlockIo();
        }
    }

    /** The writer's fsync when it crosses {@code flushIntervalBytes}, under the I/O lock. */
    private void syncForIntervalLocked() {
        try {
            syncNow();
        } catch (LogException e) {
            ctx.syncFailures.incrementAndGet();
            log.error("{}-{}: interval fsync failed, will retry: {}", topic, id, e.getMessage());
        }
    }

    /**
     * True when the flusher should run {@link #syncInBackground}: under {@code os} and {@code interval}
     * after {@link #BACKGROUND_SYNC_BYTES} unsynced bytes, and under {@code interval} every flushIntervalMs.
     */
    boolean needsBackgroundSync(long nowNanos) {
        Durability d = config.durability();
        if (d == Durability.ALWAYS || syncedOffset == writtenOffset) {
            return false;
        }
        return unsyncedBytes >= BACKGROUND_SYNC_BYTES || (d == Durability.INTERVAL
                && nowNanos - lastSyncNanos >= TimeUnit.MILLISECONDS.toNanos(config.flushIntervalMs()));
    }

    long nanosUntilIntervalSync(long nowNanos) {
        if (config.durability() != Durability.INTERVAL || syncedOffset == writtenOffset) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, lastSyncNanos + TimeUnit.MILLISECONDS.toNanos(config.flushIntervalMs()) - nowNanos);
    }

    /** A write failed: this batch, every sealed one after it and the open one fail; offsets go back. */
    private void failPending(Sealed failed, RuntimeException e) {
        List<BatchTicket> fail = new ArrayList<>();
        fail.add(failed.ticket());
        appendLock.lock();
        try {
            for (Sealed s : sealedQueue) {
                fail.add(s.ticket());
            }
            sealedQueue.clear();
            sealedCount.set(0);
            if (openCount > 0) {
                fail.add(openTicket);
                buffer = null;
                openTicket = null;
                openCount = 0;
            }
            nextOffset = writtenOffset;
            oldestAsyncNanos = -1;
        } finally {
            appendLock.unlock();
        }
        for (BatchTicket t : fail) {
            t.fail(e);
        }
        ctx.appendFailures.incrementAndGet();
        log.warn("{}-{}: append failed, {} batch(es) refused, next offset back to {}: {}", topic, id, fail.size(),
                writtenOffset, e.getMessage());
    }

    /**
     * An fsync under {@code always} failed: nothing written since the last good fsync may be acknowledged,
     * and after a failed fsync the page cache cannot be trusted to hold it either (the kernel may have
     * dropped the dirty pages). So those bytes are cut and their appends fail.
     */
    private void failUnsynced(List<BatchTicket> unsynced, RuntimeException e) {
        Segment a = active();
        // A segment rolled before the durability became 'always' may still be sealing: only the active
        // segment's unsynced part belongs to this round.
        long keepOffset = Math.max(syncedOffset, a.baseOffset());
        cuts++;
        try {
            long pos = positionOf(a, keepOffset);
            a.truncateTo(pos, keepOffset);
            a.force();
            writtenOffset = keepOffset;
            unsyncedBytes = 0;
        } catch (IOException | RuntimeException t) {
            e.addSuppressed(t);
            ctx.markFailed(this, new LogException("partition " + topic + "-" + id
                    + " could not cut unsynced data after a failed fsync; reopen the log", e));
        }
        for (BatchTicket t : unsynced) {
            t.fail(e);
        }
        appendLock.lock();
        try {
            for (Sealed s : sealedQueue) {
                s.ticket().fail(e);
            }
            sealedQueue.clear();
            sealedCount.set(0);
            if (openCount > 0) {
                openTicket.fail(e);
                buffer = null;
                openTicket = null;
                openCount = 0;
            }
            nextOffset = writtenOffset;
        } finally {
            appendLock.unlock();
        }
        ctx.syncFailures.incrementAndGet();
        log.error("{}-{}: fsync failed; unsynced appends refused, log cut back to offset {}: {}", topic, id, keepOffset,
                e.getMessage());
    }

    /** The byte position in the active segment where {@code offset} starts (its end if offset is the end). */
    private long positionOf(Segment a, long offset) throws IOException {
        if (offset <= a.baseOffset()) {
            return 0;
        }
        if (offset >= a.endOffset()) {
            return a.size();
        }
        SegmentIndex idx = a.index(maxBatchBytes(config, logConfig));
        long pos = idx.positionFor((int) (offset - a.baseOffset()));
        BatchScanner sc = new BatchScanner(a.file(), pos, a.size(), 64 * 1024, maxBatchBytes(config, logConfig));
        long expected = -1;
        while (sc.load(expected) == BatchScanner.Status.OK) {
            long base = Batch.baseOffset(sc.buffer(), sc.start());
            if (base >= offset) {
                return sc.position();
            }
            sc.advance();
        }
        throw new IOException("no batch boundary at offset " + offset + " in " + a.logPath());
    }

    // ---------------------------------------------------------------- reading and state

    /** Offsets below this are acknowledged and readable. */
    long visibleEnd() {
        return config.durability() == Durability.ALWAYS ? syncedOffset : writtenOffset;
    }

    /** Offsets below this are on stable storage (fsynced), whatever the policy. */
    long durableEnd() {
        return syncedOffset;
    }

    long end(boolean durableOnly) {
        return durableOnly ? syncedOffset : visibleEnd();
    }

    private void publish() {
        if (waitingReaders > 0) {
            dataLock.lock();
            try {
                dataArrived.signalAll();
            } finally {
                dataLock.unlock();
            }
        }
    }

    /** Waits until the visible end passes {@code offset} or the time is up; true if data is there. */
    boolean awaitData(long offset, long timeoutNanos, boolean durableOnly) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        dataLock.lock();
        waitingReaders++;
        try {
            while (end(durableOnly) <= offset) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                dataArrived.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            return true;
        } finally {
            waitingReaders--;
            dataLock.unlock();
        }
    }

    List<Segment> segments() {
        return segments;
    }

    Segment active() {
        List<Segment> s = segments;
        return s.get(s.size() - 1);
    }

    long startOffset() {
        return segments.get(0).baseOffset();
    }

    long sizeBytes() {
        long total = 0;
        for (Segment s : segments) {
            total += s.size();
        }
        return total;
    }

    /**
     * Removes the oldest segment if it is sealed and {@code expected} is still the oldest; returns the
     * bytes freed, or -1 if nothing was removed.
     */
    long deleteOldest(Segment expected, String why) {
        Segment victim;
        synchronized (segmentsLock) {
            List<Segment> l = segments;
            if (l.size() < 2 || l.get(0) != expected) {
                return -1;
            }
            victim = l.get(0);
            segments = Collections.unmodifiableList(new ArrayList<>(l.subList(1, l.size())));
        }
        long bytes = victim.diskBytes();
        long records = victim.endOffset() - victim.baseOffset();
        try {
            if (victim == sealing) {
                // Not while its seal writes index files: they would outlive it.
                sealLock.lock();
                try {
                    victim.delete();
                } finally {
                    sealLock.unlock();
                }
            } else {
                victim.delete();
            }
            storage.syncDirectory(dir);
        } catch (IOException e) {
            log.warn("{}-{}: deleting {} failed: {}", topic, id, victim.logPath(), e.toString());
        }
        droppedRecords.addAndGet(records);
        log.info("{}-{}: deleted segment {} ({} records, {} bytes): {}", topic, id, victim.baseOffset(), records, bytes,
                why);
        return bytes;
    }

    /**
     * On close: writes what is pending, fsyncs, writes the active index. Never throws for I/O: a batch that
     * cannot be written fails its appenders (and is cut, so nothing half-written stays), a missing index
     * is rebuilt at the next open. Returns what could not be made durable, for the close report, or null.
     */
    String flushForClose() {
        ioLock.lock();
        try {
            try {
                writePending(null);
            } catch (RuntimeException e) {
                log.warn("{}-{}: writing pending batches at close failed: {}", topic, id, e.toString());
            }
            Segment a = active();
            String notSynced = null;
            if (syncedOffset != writtenOffset || sealing != null) {
                try {
                    finishSeal();
                    a.force();
                    ctx.syncs.incrementAndGet();
                    syncedOffset = writtenOffset;
                } catch (IOException e) {
                    ctx.syncFailures.incrementAndGet();
                    notSynced = topic + "-" + id + " offsets " + syncedOffset + ".." + (writtenOffset - 1)
                            + " written but not fsynced (" + e.getMessage() + ")";
                }
            }
            try {
                a.writeActiveIndex();
            } catch (IOException e) {
                log.info("{}-{}: index of the active segment not written at close (rebuilt at the next open): {}",
                        topic, id, e.toString());
            }
            return notSynced;
        } finally {
            unlockIo();
        }
    }

    /** Writes pending batches and fsyncs them, whatever the policy, completing the seal of a rolled segment. */
    void flush() {
        ioLock.lock();
        try {
            writePending(null);
            try {
                finishSeal();
            } catch (IOException e) {
                throw ctx.translate(e, "seal of " + sealing);
            }
            syncNow();
        } finally {
            unlockIo();
        }
    }

    void close() {
        for (Segment s : segments) {
            try {
                s.close();
            } catch (IOException e) {
                log.debug("closing {}: {}", s, e.toString());
            }
        }
    }

    long maxBatchBytes() {
        return maxBatchBytes(config, logConfig);
    }

    PartitionInfo info() {
        long size = 0;
        List<Segment> segs = segments;
        for (Segment s : segs) {
            size += s.diskBytes();
        }
        return new PartitionInfo(topic, id, segs.get(0).baseOffset(), visibleEnd(), size, segs.size());
    }
}
