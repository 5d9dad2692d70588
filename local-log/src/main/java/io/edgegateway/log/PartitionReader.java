package io.edgegateway.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LogReader} of one partition. It keeps a scanner on its current segment so sequential reads
 * never touch an index; a seek uses the sparse index and walks forward. Every batch is CRC-checked before
 * a record is decoded from it.
 */
final class PartitionReader implements LogReader {
    private static final Logger log = LoggerFactory.getLogger(PartitionReader.class);

    private final Partition partition;
    private final boolean durableOnly;
    private long position;
    private Segment segment;
    private BatchScanner scanner;
    private CorruptBatchException pendingCorruption;
    private boolean closed;

    PartitionReader(Partition partition, long position, boolean durableOnly) {
        this.partition = partition;
        this.position = position;
        this.durableOnly = durableOnly;
    }

    @Override
    public List<StoredRecord> poll(int maxRecords, Duration timeout) {
        if (closed) {
            throw new IllegalStateException("reader is closed");
        }
        if (maxRecords <= 0) {
            throw new IllegalArgumentException("maxRecords must be > 0");
        }
        List<StoredRecord> out = new ArrayList<>(Math.min(maxRecords, 1024));
        readAvailable(maxRecords, out);
        if (out.isEmpty() && !timeout.isZero() && !timeout.isNegative()) {
            try {
                if (partition.awaitData(position, timeout.toNanos(), durableOnly)) {
                    readAvailable(maxRecords, out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return out;
    }

    private void readAvailable(int max, List<StoredRecord> out) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                readVisible(max, out);
                return;
            } catch (CorruptBatchException e) {
                if (!out.isEmpty()) {
                    // The position is already past these records: hand them out; the next poll reports the damage.
                    return;
                }
                throw e;
            } catch (IOException e) {
                if (segment != null && segment.isDeleted()) {
                    // Retention removed the segment under us; continue from the new start.
                    resetScanner();
                    continue;
                }
                throw new LogException("read of " + partition.topic + "-" + partition.id + " at offset " + position
                        + " failed: " + e, e);
            }
        }
    }

    private void readVisible(int max, List<StoredRecord> out) throws IOException {
        if (pendingCorruption != null) {
            throw pendingCorruption;
        }
        while (out.size() < max) {
            long end = partition.end(durableOnly);
            long start = partition.startOffset();
            if (position < start) {
                log.info("{}-{}: reader at offset {} moves to start offset {} (older records were deleted)",
                        partition.topic, partition.id, position, start);
                position = start;
                resetScanner();
            }
            if (position >= end) {
                return;
            }
            if (scanner == null || segment.isDeleted()) {
                positionScanner();
            }
            scanner.limit(segment.size());
            long expected = -1;
            BatchScanner.Status st = scanner.load(expected);
            if (st == BatchScanner.Status.END) {
                if (segment.isSealed() || segment != partition.active()) {
                    moveToSegmentAfter(segment);
                    continue;
                }
                return;
            }
            if (st == BatchScanner.Status.BAD) {
                pendingCorruption = new CorruptBatchException(segment.logPath().toString(), scanner.position(), position,
                        scanner.reason());
                throw pendingCorruption;
            }
            ByteBuffer b = scanner.buffer();
            long base = Batch.baseOffset(b, scanner.start());
            int count = Batch.count(b, scanner.start());
            if (base > position) {
                pendingCorruption = new CorruptBatchException(segment.logPath().toString(), scanner.position(), position,
                        "batch starts at offset " + base + ", records in between are missing");
                throw pendingCorruption;
            }
            if (base + count <= position) {
                scanner.advance();
                continue;
            }
            int room = max - out.size();
            if (base + count > end) {
                // Only part of the batch is acknowledged (or durable) yet; never return beyond it.
                room = (int) Math.min(room, end - position);
            }
            int got = Batch.decode(b, scanner.start(), partition.topic, partition.id, position, room, out);
            position += got;
            if (position >= base + count) {
                scanner.advance();
            }
        }
    }

    private void resetScanner() {
        scanner = null;
        segment = null;
    }

    /** Finds the segment holding {@code position} and puts the scanner on the batch containing it. */
    private void positionScanner() throws IOException {
        List<Segment> segs = partition.segments();
        Segment found = segs.get(0);
        for (Segment s : segs) {
            if (s.baseOffset() <= position) {
                found = s;
            } else {
                break;
            }
        }
        segment = found;
        long pos = 0;
        if (position > found.baseOffset()) {
            SegmentIndex idx = found.index(partition.maxBatchBytes());
            pos = idx.positionFor((int) Math.min(Integer.MAX_VALUE, position - found.baseOffset()));
            if (!indexPointsAtBatch(found, pos)) {
                pos = 0;
            }
        }
        scanner = new BatchScanner(found.file(), pos, found.size(), 64 * 1024, partition.maxBatchBytes());
    }

    /** An index entry is only a hint: check that a valid batch starts where it points. */
    private boolean indexPointsAtBatch(Segment s, long pos) throws IOException {
        if (pos == 0) {
            return true;
        }
        BatchScanner probe = new BatchScanner(s.file(), pos, s.size(), 4096, partition.maxBatchBytes());
        boolean ok = probe.load(-1) == BatchScanner.Status.OK
                && Batch.baseOffset(probe.buffer(), probe.start()) <= position;
        if (!ok) {
            log.warn("{}: index entry points at byte {} where no batch starts; scanning from the segment start", s, pos);
        }
        return ok;
    }

    private void moveToSegmentAfter(Segment s) {
        long next = s.endOffset();
        if (position < next) {
            // The sealed segment ended early (damage at its tail): what is missing is reported, not skipped.
            pendingCorruption = new CorruptBatchException(s.logPath().toString(), scanner.position(), position,
                    "segment ends before offset " + next);
            throw pendingCorruption;
        }
        resetScanner();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void seek(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        position = offset;
        pendingCorruption = null;
        resetScanner();
    }

    @Override
    public void seekToTimestamp(long timestamp) {
        pendingCorruption = null;
        resetScanner();
        try {
            for (Segment s : partition.segments()) {
                if (s.maxTimestamp() < timestamp && s != partition.active()) {
                    continue;
                }
                SegmentIndex idx = s.index(partition.maxBatchBytes());
                long from = s.baseOffset() + idx.scanStartFor(timestamp);
                long pos = idx.positionFor((int) (from - s.baseOffset()));
                BatchScanner sc = new BatchScanner(s.file(), pos, s.size(), 64 * 1024, partition.maxBatchBytes());
                while (sc.load(-1) == BatchScanner.Status.OK) {
                    ByteBuffer b = sc.buffer();
                    if (Batch.maxTimestamp(b, sc.start()) >= timestamp) {
                        List<StoredRecord> recs = new ArrayList<>();
                        Batch.decode(b, sc.start(), partition.topic, partition.id, 0, Integer.MAX_VALUE, recs);
                        for (StoredRecord r : recs) {
                            if (r.timestamp() >= timestamp) {
                                position = r.offset();
                                return;
                            }
                        }
                    }
                    sc.advance();
                }
            }
        } catch (IOException e) {
            throw new LogException("seek by timestamp in " + partition.topic + "-" + partition.id + " failed: " + e, e);
        }
        position = partition.end(durableOnly);
    }

    @Override
    public long skipCorrupt() {
        if (pendingCorruption == null) {
            return 0;
        }
        long from = position;
        try {
            Segment s = segment;
            long searchFrom = scanner.position() + 1;
            long found = -1;
            long foundOffset = -1;
            BatchScanner sc = new BatchScanner(s.file(), searchFrom, s.size(), 64 * 1024, partition.maxBatchBytes());
            for (long p = searchFrom; p + Batch.HEADER_SIZE <= s.size(); p++) {
                sc.position(p);
                if (sc.load(-1) == BatchScanner.Status.OK) {
                    long base = Batch.baseOffset(sc.buffer(), sc.start());
                    if (base > position && base < s.endOffset()) {
                        found = p;
                        foundOffset = base;
                        break;
                    }
                }
            }
            if (found >= 0) {
                position = foundOffset;
            } else {
                position = Math.max(position + 1, s.endOffset());
            }
            pendingCorruption = null;
            if (found >= 0) {
                // Continue right there: finding the position again through the sparse index could land before
                // the damaged batch, report it again, and the next skip would then pass over intact records.
                scanner.position(found);
            } else {
                resetScanner();
            }
        } catch (IOException e) {
            throw new LogException("skipping corrupt data in " + partition.topic + "-" + partition.id + " failed: " + e, e);
        }
        long skipped = position - from;
        log.warn("{}-{}: skipped {} offsets ({}..{}) of a damaged batch", partition.topic, partition.id, skipped, from,
                position - 1);
        return skipped;
    }

    @Override
    public void close() {
        closed = true;
        resetScanner();
    }
}
