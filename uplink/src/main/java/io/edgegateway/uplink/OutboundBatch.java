package io.edgegateway.uplink;

import io.edgegateway.log.Header;
import io.edgegateway.log.StoredRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one transaction (or one acked batch), grouped by local partition in the order they go
 * out: higher-priority topics first, each partition's events in offset order. It stays in memory until it
 * is delivered, so that after an aborted transaction exactly the same events are sent again. Not
 * thread-safe.
 */
final class OutboundBatch {
    private final Map<EdgePartition, List<StoredRecord>> chunks = new LinkedHashMap<>();
    private int count;
    private long bytes;

    static long sizeOf(StoredRecord r) {
        long n = 16 + (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
        for (Header h : r.headers()) {
            n += h.key().length() + (h.value() == null ? 0 : h.value().length) + 2;
        }
        return n;
    }

    void add(EdgePartition p, StoredRecord r, long size) {
        chunks.computeIfAbsent(p, k -> new ArrayList<>()).add(r);
        count++;
        bytes += size;
    }

    Map<EdgePartition, List<StoredRecord>> chunks() {
        return chunks;
    }

    int count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The next offset of each partition once this batch is delivered. */
    Map<EdgePartition, Long> nextOffsets() {
        Map<EdgePartition, Long> m = new LinkedHashMap<>();
        chunks.forEach((p, rs) -> m.put(p, rs.get(rs.size() - 1).offset() + 1));
        return m;
    }

    /** The first offset of each partition in this batch. */
    Map<EdgePartition, Long> firstOffsets() {
        Map<EdgePartition, Long> m = new LinkedHashMap<>();
        chunks.forEach((p, rs) -> m.put(p, rs.get(0).offset()));
        return m;
    }

    /** Removes a topic's events (the topic was paused); returns the first removed offset per partition. */
    Map<EdgePartition, Long> removeTopic(String topic) {
        Map<EdgePartition, Long> removed = new LinkedHashMap<>();
        for (Iterator<Map.Entry<EdgePartition, List<StoredRecord>>> it = chunks.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<EdgePartition, List<StoredRecord>> e = it.next();
            if (e.getKey().topic().equals(topic)) {
                removed.put(e.getKey(), e.getValue().get(0).offset());
                for (StoredRecord r : e.getValue()) {
                    count--;
                    bytes -= sizeOf(r);
                }
                it.remove();
            }
        }
        return removed;
    }

    /** Drops the events of a partition before {@code nextOffset} (they were acked). */
    void trim(EdgePartition p, long nextOffset) {
        List<StoredRecord> rs = chunks.get(p);
        if (rs == null) {
            return;
        }
        while (!rs.isEmpty() && rs.get(0).offset() < nextOffset) {
            StoredRecord r = rs.remove(0);
            count--;
            bytes -= sizeOf(r);
        }
        if (rs.isEmpty()) {
            chunks.remove(p);
        }
    }
}
