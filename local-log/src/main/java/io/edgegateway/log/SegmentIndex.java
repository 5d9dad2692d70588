package io.edgegateway.log;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The sparse offset and time index of one segment, kept in memory while the segment is active and
 * written next to it when it is sealed. Derived data: it is rebuilt from the segment whenever the file is
 * missing or doubtful, and never trusted over the segment's own bytes.
 *
 * <p>Offset index file ({@code .index}): entries of {@code int32 relativeOffset, int32 position}, one
 * per {@code indexIntervalBytes} of batches, each naming the first byte of a batch. Time index file
 * ({@code .timeindex}): entries of {@code int64 maxTimestampSoFar, int32 relativeOffset}, added when the
 * running maximum timestamp grows, at most one per interval; the last entry always carries the segment's
 * maximum timestamp. Not thread-safe: the owning segment guards it.
 */
final class SegmentIndex {
    static final int OFFSET_ENTRY = 8;
    static final int TIME_ENTRY = 12;

    private int[] relOffsets = new int[16];
    private int[] positions = new int[16];
    private int offsetEntries;
    private long[] timestamps = new long[16];
    private int[] timeRelOffsets = new int[16];
    private int timeEntries;
    private long lastIndexedPosition = -1;
    private long lastTimeIndexedPosition = -1;
    private long maxTimestamp = -1;
    private int maxTimestampRelOffset;

    /** Records a batch that starts at {@code position}; adds entries when the interval has passed. */
    void onBatch(int relOffset, long position, long batchMaxTimestamp, int interval) {
        if (lastIndexedPosition < 0 || position - lastIndexedPosition >= interval) {
            if (offsetEntries == relOffsets.length) {
                relOffsets = Arrays.copyOf(relOffsets, offsetEntries * 2);
                positions = Arrays.copyOf(positions, offsetEntries * 2);
            }
            relOffsets[offsetEntries] = relOffset;
            positions[offsetEntries] = (int) position;
            offsetEntries++;
            lastIndexedPosition = position;
        }
        if (batchMaxTimestamp > maxTimestamp) {
            maxTimestamp = batchMaxTimestamp;
            maxTimestampRelOffset = relOffset;
            if (lastTimeIndexedPosition < 0 || position - lastTimeIndexedPosition >= interval) {
                addTimeEntry(batchMaxTimestamp, relOffset);
                lastTimeIndexedPosition = position;
            }
        }
    }

    private void addTimeEntry(long ts, int relOffset) {
        if (timeEntries == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, timeEntries * 2);
            timeRelOffsets = Arrays.copyOf(timeRelOffsets, timeEntries * 2);
        }
        timestamps[timeEntries] = ts;
        timeRelOffsets[timeEntries] = relOffset;
        timeEntries++;
    }

    long maxTimestamp() {
        return maxTimestamp;
    }

    /** The position of the last indexed batch starting at or before {@code relOffset}; 0 if none. */
    long positionFor(int relOffset) {
        int lo = 0;
        int hi = offsetEntries - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (relOffsets[mid] <= relOffset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? 0 : positions[found];
    }

    /**
     * A relative offset from which to scan for the first record with timestamp at or after {@code ts}:
     * every batch before it has a maximum timestamp below {@code ts}.
     */
    int scanStartFor(long ts) {
        int found = -1;
        int lo = 0;
        int hi = timeEntries - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (timestamps[mid] < ts) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? 0 : timeRelOffsets[found];
    }

    /** Clears entries at or after {@code position}, after a truncation. */
    void truncateTo(long position) {
        while (offsetEntries > 0 && positions[offsetEntries - 1] >= position) {
            offsetEntries--;
        }
        lastIndexedPosition = offsetEntries == 0 ? -1 : positions[offsetEntries - 1];
    }

    ByteBuffer offsetIndexBytes() {
        ByteBuffer b = ByteBuffer.allocate(offsetEntries * OFFSET_ENTRY);
        for (int i = 0; i < offsetEntries; i++) {
            b.putInt(relOffsets[i]).putInt(positions[i]);
        }
        return b.flip();
    }

    ByteBuffer timeIndexBytes() {
        boolean needsFinal = maxTimestamp >= 0 && (timeEntries == 0 || timestamps[timeEntries - 1] < maxTimestamp);
        int n = timeEntries + (needsFinal ? 1 : 0);
        ByteBuffer b = ByteBuffer.allocate(n * TIME_ENTRY);
        for (int i = 0; i < timeEntries; i++) {
            b.putLong(timestamps[i]).putInt(timeRelOffsets[i]);
        }
        if (needsFinal) {
            b.putLong(maxTimestamp).putInt(maxTimestampRelOffset);
        }
        return b.flip();
    }

    /**
     * Loads index files; returns null if they are doubtful: a size not a whole number of entries, entries
     * out of order, or positions/offsets beyond what the segment holds.
     */
    static SegmentIndex load(ByteBuffer offsets, ByteBuffer times, long segmentSize, long offsetSpan, int interval) {
        if (offsets.remaining() % OFFSET_ENTRY != 0 || times.remaining() % TIME_ENTRY != 0) {
            return null;
        }
        SegmentIndex idx = new SegmentIndex();
        int prevRel = -1;
        long prevPos = -1;
        while (offsets.hasRemaining()) {
            int rel = offsets.getInt();
            int pos = offsets.getInt();
            if (rel <= prevRel || pos <= prevPos || pos >= segmentSize || rel >= offsetSpan || rel < 0) {
                return null;
            }
            if (idx.offsetEntries == 0 && (rel != 0 || pos != 0)) {
                return null;
            }
            prevRel = rel;
            prevPos = pos;
            if (idx.offsetEntries == idx.relOffsets.length) {
                idx.relOffsets = Arrays.copyOf(idx.relOffsets, idx.offsetEntries * 2);
                idx.positions = Arrays.copyOf(idx.positions, idx.offsetEntries * 2);
            }
            idx.relOffsets[idx.offsetEntries] = rel;
            idx.positions[idx.offsetEntries] = pos;
            idx.offsetEntries++;
        }
        if (segmentSize > 0 && idx.offsetEntries == 0) {
            return null;
        }
        long prevTs = Long.MIN_VALUE;
        int prevTsRel = -1;
        while (times.hasRemaining()) {
            long ts = times.getLong();
            int rel = times.getInt();
            if (ts <= prevTs || rel < prevTsRel || rel >= offsetSpan || rel < 0) {
                return null;
            }
            prevTs = ts;
            prevTsRel = rel;
            idx.addTimeEntry(ts, rel);
        }
        if (segmentSize > 0 && idx.timeEntries == 0) {
            return null;
        }
        idx.maxTimestamp = idx.timeEntries == 0 ? -1 : idx.timestamps[idx.timeEntries - 1];
        idx.maxTimestampRelOffset = idx.timeEntries == 0 ? 0 : idx.timeRelOffsets[idx.timeEntries - 1];
        idx.lastIndexedPosition = idx.offsetEntries == 0 ? -1 : idx.positions[idx.offsetEntries - 1];
        idx.lastTimeIndexedPosition = idx.lastIndexedPosition;
        return idx;
    }

    int offsetEntryCount() {
        return offsetEntries;
    }

    /** The bytes the two index files of this index take (an upper bound: the time index may get one entry more). */
    long fileBytes() {
        return (long) offsetEntries * OFFSET_ENTRY + (timeEntries + 1L) * TIME_ENTRY;
    }
}
