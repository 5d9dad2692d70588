package io.edgegateway.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * One segment of a partition: the batch file {@code <baseOffset, 20 digits>.log} and, once sealed, its
 * {@code .index} and {@code .timeindex} (see {@link SegmentIndex}, {@link Batch} for the layouts). The
 * active segment keeps its index in memory; a sealed segment reads its index files on demand, so heap
 * does not grow with the size of the log.
 *
 * <p>Thread-safety: {@link #append} is called by one writer at a time (the partition's I/O lock);
 * reads may run concurrently with it and see only bytes below {@link #size()} as published by the
 * partition.
 */
final class Segment {
    static final String LOG = ".log";
    static final String INDEX = ".index";
    static final String TIME_INDEX = ".timeindex";
    static final String CORRUPT = ".corrupt";

    private final Storage storage;
    private final Path dir;
    private final long baseOffset;
    private final int indexInterval;
    private final StorageFile file;
    private volatile long size;
    private volatile long endOffset;
    private volatile long maxTimestamp = -1;
    private volatile long firstAppendMs = -1;
    private volatile boolean sealed;
    private volatile boolean deleted;
    private SegmentIndex activeIndex;
    // Bytes made durable by the last fsync that succeeded, and whether an fsync failed since (see force()).
    private long durableSize;
    private boolean forceFailed;

    private Segment(Storage storage, Path dir, long baseOffset, int indexInterval, StorageFile file) {
        this.storage = storage;
        this.dir = dir;
        this.baseOffset = baseOffset;
        this.indexInterval = indexInterval;
        this.file = file;
        this.endOffset = baseOffset;
    }

    static String name(long baseOffset, String suffix) {
        return String.format("%020d%s", baseOffset, suffix);
    }

    /** Creates a new, empty active segment file. */
    static Segment create(Storage storage, Path dir, long baseOffset, int indexInterval) throws IOException {
        Path p = dir.resolve(name(baseOffset, LOG));
        StorageFile f = storage.open(p, true);
        Segment s = new Segment(storage, dir, baseOffset, indexInterval, f);
        if (f.size() != 0) {
            f.truncate(0);
        }
        s.activeIndex = new SegmentIndex();
        return s;
    }

    /**
     * Opens a sealed segment whose records end just before {@code endOffset}, trusting its size; its
     * indexes are checked and rebuilt if missing or doubtful.
     */
    static Segment openSealed(Storage storage, Path dir, long baseOffset, long endOffset, int indexInterval,
            long maxBatchBytes, boolean readOnly) throws IOException {
        StorageFile f = storage.open(dir.resolve(name(baseOffset, LOG)), false);
        Segment s = new Segment(storage, dir, baseOffset, indexInterval, f);
        s.size = f.size();
        s.endOffset = endOffset;
        s.sealed = true;
        SegmentIndex idx = s.loadIndex();
        if (idx == null) {
            idx = s.rebuildIndex(maxBatchBytes);
            if (!readOnly) {
                // Index files mark a segment as complete on disk, so the data goes first.
                f.force();
                s.writeIndexFiles(idx);
            }
        }
        s.maxTimestamp = idx.maxTimestamp();
        return s;
    }

    /** Opens the last segment of a partition as the active one; the caller then runs {@link #recover}. */
    static Segment openActive(Storage storage, Path dir, long baseOffset, int indexInterval, boolean readOnly)
            throws IOException {
        StorageFile f = storage.open(dir.resolve(name(baseOffset, LOG)), false);
        Segment s = new Segment(storage, dir, baseOffset, indexInterval, f);
        s.activeIndex = new SegmentIndex();
        if (!readOnly) {
            // Index files of the active segment are written again at seal or close; drop stale ones.
            storage.delete(dir.resolve(name(baseOffset, INDEX)));
            storage.delete(dir.resolve(name(baseOffset, TIME_INDEX)));
        }
        return s;
    }

    /** What recovery found in an active segment. */
    record Recovery(long validBytes, long cutBytes, boolean keptAside, String reason, Path corruptFile) {
    }

    /**
     * Scans the whole segment, checking every batch's CRC and offsets, rebuilds the in-memory index and
     * cuts the file at the first bad batch. Non-zero bytes that are cut are first copied to
     * {@code <baseOffset>-<position>.corrupt} for inspection; zero fill is just dropped.
     */
    Recovery recover(long maxBatchBytes, boolean readOnly) throws IOException {
        long fileSize = file.size();
        BatchScanner sc = new BatchScanner(file, 0, fileSize, 256 * 1024, maxBatchBytes);
        SegmentIndex idx = new SegmentIndex();
        long expected = baseOffset;
        long maxTs = -1;
        while (true) {
            BatchScanner.Status st = sc.load(expected);
            if (st != BatchScanner.Status.OK) {
                break;
            }
            ByteBuffer b = sc.buffer();
            long batchMax = Batch.maxTimestamp(b, sc.start());
            idx.onBatch((int) (expected - baseOffset), sc.position(), batchMax, indexInterval);
            maxTs = Math.max(maxTs, batchMax);
            expected += Batch.count(b, sc.start());
            sc.advance();
        }
        long valid = sc.position();
        long cut = fileSize - valid;
        Path corrupt = null;
        boolean keep = false;
        String reason = sc.reason();
        if (cut > 0 && readOnly) {
            reason = "(not cut: opened read-only) " + reason;
        } else if (cut > 0) {
            keep = !sc.restIsZero();
            if (keep) {
                corrupt = dir.resolve(String.format("%020d-%d%s", baseOffset, valid, CORRUPT));
                copyRange(valid, fileSize, corrupt);
            }
            file.truncate(valid);
            file.force();
        }
        activeIndex = idx;
        size = valid;
        endOffset = expected;
        maxTimestamp = maxTs;
        return new Recovery(valid, cut, keep, reason, corrupt);
    }

    private void copyRange(long from, long to, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + AtomicFiles.TMP);
        try (StorageFile out = storage.open(tmp, true)) {
            out.truncate(0);
            ByteBuffer b = ByteBuffer.allocate(64 * 1024);
            long p = from;
            while (p < to) {
                b.clear();
                b.limit((int) Math.min(b.capacity(), to - p));
                int r = file.read(b, p);
                if (r <= 0) {
                    break;
                }
                b.flip();
                out.write(b, p - from);
                p += r;
            }
            out.force();
        }
        storage.rename(tmp, target);
        storage.syncDirectory(dir);
    }

    /**
     * Writes one sealed batch, the whole of {@code batch[0, limit)}, at the end of the segment. The index learns about it; size and end offset
     * move only after the write returned, so readers never see a partly written batch.
     */
    void append(ByteBuffer batch, long batchBase, int count, long batchMaxTs, long nowMs) throws IOException {
        long pos = size;
        file.write(batch, pos);
        activeIndex.onBatch((int) (batchBase - baseOffset), pos, batchMaxTs, indexInterval);
        if (firstAppendMs < 0) {
            firstAppendMs = nowMs;
        }
        if (batchMaxTs > maxTimestamp) {
            maxTimestamp = batchMaxTs;
        }
        size = pos + batch.limit();
        endOffset = batchBase + count;
    }

    /**
     * fsync. After a failed fsync Linux marks the dirty pages clean (their data stays readable but is not
     * written again), so a later fsync that succeeds would not make them durable ("fsyncgate", PostgreSQL
     * 2018). So after a failure the bytes written since the last good fsync are written again first.
     * Synchronized: the flusher's background fsyncs run beside fsyncs under the partition's I/O lock.
     */
    synchronized void force() throws IOException {
        long upTo = size;
        if (forceFailed) {
            rewrite(durableSize, upTo);
        }
        try {
            file.force();
        } catch (IOException e) {
            forceFailed = true;
            throw e;
        }
        forceFailed = false;
        durableSize = upTo;
    }

    private void rewrite(long from, long to) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        for (long p = from; p < to; ) {
            b.clear();
            b.limit((int) Math.min(b.capacity(), to - p));
            int r = file.read(b, p);
            if (r <= 0) {
                break;
            }
            b.flip();
            file.write(b, p);
            p += r;
        }
    }

    /**
     * Prepares sealing: fsync, then the index files appear atomically. Nothing changes in memory, so if
     * the roll fails after this the segment simply stays active; {@link #markSealed} completes it.
     */
    void seal() throws IOException {
        force();
        writeIndexFiles(activeIndex);
    }

    /** The roll completed: no more appends, and the index is read from its files from now on. */
    void markSealed() {
        sealed = true;
        activeIndex = null;
    }

    /**
     * The roll completed before this segment was fsynced ({@link #completeSeal} follows in the background):
     * no more appends; the index stays in memory until its files are written.
     */
    void markRolled() {
        sealed = true;
    }

    /**
     * The part of sealing done after the roll: fsync, then the index files appear atomically. Their
     * presence tells recovery that the segment is complete on disk; a segment before the active one
     * without them is scanned like the active one.
     */
    void completeSeal() throws IOException {
        force();
        writeSealIndex();
    }

    /** The index files of a rolled segment, once {@link #force} made its data durable. */
    void writeSealIndex() throws IOException {
        SegmentIndex idx = activeIndex;
        if (idx != null) {
            writeIndexFiles(idx);
            activeIndex = null;
        }
    }

    /** Writes the in-memory index of the active segment, so a clean restart need not rebuild it. */
    void writeActiveIndex() throws IOException {
        writeIndexFiles(activeIndex);
    }

    private void writeIndexFiles(SegmentIndex idx) throws IOException {
        AtomicFiles.write(storage, dir.resolve(name(baseOffset, INDEX)), idx.offsetIndexBytes());
        AtomicFiles.write(storage, dir.resolve(name(baseOffset, TIME_INDEX)), idx.timeIndexBytes());
    }

    /** The index of this segment: in memory while active, else read from its files (rebuilt if doubtful). */
    SegmentIndex index(long maxBatchBytes) throws IOException {
        SegmentIndex a = activeIndex;
        if (a != null) {
            return a;
        }
        SegmentIndex idx = loadIndex();
        return idx != null ? idx : rebuildIndex(maxBatchBytes);
    }

    private SegmentIndex loadIndex() throws IOException {
        Path ip = dir.resolve(name(baseOffset, INDEX));
        Path tp = dir.resolve(name(baseOffset, TIME_INDEX));
        if (!storage.exists(ip) || !storage.exists(tp)) {
            return null;
        }
        return SegmentIndex.load(AtomicFiles.readAll(storage, ip), AtomicFiles.readAll(storage, tp), size,
                Math.max(1, endOffset - baseOffset), indexInterval);
    }

    /** Rebuilds the index by walking the batches; stops quietly at damage (readers report it). */
    SegmentIndex rebuildIndex(long maxBatchBytes) throws IOException {
        BatchScanner sc = new BatchScanner(file, 0, size, 256 * 1024, maxBatchBytes);
        SegmentIndex idx = new SegmentIndex();
        long expected = baseOffset;
        while (sc.load(expected) == BatchScanner.Status.OK) {
            idx.onBatch((int) (expected - baseOffset), sc.position(), Batch.maxTimestamp(sc.buffer(), sc.start()),
                    indexInterval);
            expected += Batch.count(sc.buffer(), sc.start());
            sc.advance();
        }
        return idx;
    }

    /** Cuts the segment back to {@code position} (ending at {@code offset}) after a failed write or fsync. */
    void truncateTo(long position, long offset) throws IOException {
        file.truncate(position);
        durableSize = Math.min(durableSize, position);
        if (activeIndex != null) {
            activeIndex.truncateTo(position);
        }
        size = position;
        endOffset = offset;
    }

    int read(ByteBuffer dst, long position) throws IOException {
        return file.read(dst, position);
    }

    StorageFile file() { return file; }
    long baseOffset() { return baseOffset; }
    long size() { return size; }
    long endOffset() { return endOffset; }
    long maxTimestamp() { return maxTimestamp; }
    long firstAppendMs() { return firstAppendMs; }
    boolean isSealed() { return sealed; }
    boolean isDeleted() { return deleted; }
    Path logPath() { return dir.resolve(name(baseOffset, LOG)); }

    /** The bytes sealing will write as index files; 0 once sealed. */
    long pendingIndexBytes() {
        SegmentIndex a = activeIndex;
        return a == null ? 0 : a.fileBytes();
    }

    /** Bytes this segment keeps on disk: the batch file plus its index files. */
    long diskBytes() {
        long idx = 0;
        try {
            Path ip = dir.resolve(name(baseOffset, INDEX));
            Path tp = dir.resolve(name(baseOffset, TIME_INDEX));
            idx += storage.exists(ip) ? storage.size(ip) : 0;
            idx += storage.exists(tp) ? storage.size(tp) : 0;
        } catch (IOException e) {
            // The files may be replaced concurrently; sizes are re-read on the next pass.
        }
        return size + idx;
    }

    /** Closes and removes the segment's files. Readers holding it see it as deleted and move on. */
    void delete() throws IOException {
        deleted = true;
        file.close();
        storage.delete(dir.resolve(name(baseOffset, INDEX)));
        storage.delete(dir.resolve(name(baseOffset, TIME_INDEX)));
        storage.delete(logPath());
    }

    void close() throws IOException {
        file.close();
    }

    @Override
    public String toString() {
        return logPath().toString();
    }
}
