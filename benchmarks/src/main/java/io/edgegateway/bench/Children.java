package io.edgegateway.bench;

import io.edgegateway.log.Durability;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogConfig;
import io.edgegateway.log.LogReader;
import io.edgegateway.log.LogRecord;
import io.edgegateway.log.LogStats;
import io.edgegateway.log.PartitionInfo;
import io.edgegateway.log.StoredRecord;
import io.edgegateway.log.TopicConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry points run in child JVMs: the crash writer (appends until killed), the recovery opener, and the
 * heap probe. They print {@code KEY=value} lines that the parent parses.
 */
final class Children {
    private Children() {
    }

    /** Appends 100-byte records to a 4-partition {@code os} topic from 4 threads; prints READY past {@code bytes}; never stops. */
    static void crashWriter(Path dir, long bytes) throws Exception {
        Util.deleteTree(dir);
        LocalLog log = LocalLog.open(dir, LogConfig.defaults());
        log.createTopic(TopicConfig.builder("rec").partitions(4).durability(Durability.OS).build());
        AtomicBoolean ready = new AtomicBoolean();
        Util.timed(4, Long.MAX_VALUE / 4, 1, (id, run) -> {
            LogRecord rec = new LogRecord(null, Util.payload(100, id), -1);
            List<LogRecord> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(rec);
            }
            for (long n = 0; ; n++) {
                log.appendBatch("rec", batch);
                if (id == 0 && (n & 63) == 0 && !ready.get()) {
                    long size = 0;
                    for (PartitionInfo p : log.partitions("rec")) {
                        size += p.sizeBytes();
                    }
                    if (size >= bytes) {
                        ready.set(true);
                        System.out.println("READY size=" + size);
                        System.out.flush();
                    }
                }
            }
        });
    }

    /** Times {@code LocalLog.open} of a crashed log; prints what recovery did. */
    static void recoveryOpen(Path dir) {
        long t0 = System.nanoTime();
        LocalLog log = LocalLog.open(dir, LogConfig.defaults());
        long t1 = System.nanoTime();
        LogStats st = log.stats();
        long records = 0;
        long bytes = 0;
        int segments = 0;
        for (PartitionInfo p : log.partitions("rec")) {
            records += p.recordCount();
            bytes += p.sizeBytes();
            segments += p.segmentCount();
        }
        long heap = Util.heapAfterGc();
        System.out.printf(Locale.ROOT, "OPEN_MS=%.1f%nRECORDS=%d%nBYTES=%d%nSEGMENTS=%d%nCUTS=%d%nCUT_BYTES=%d%nHEAP=%d%n"
                + "RSS_KB=%d%n", (t1 - t0) / 1e6, records, bytes, segments, st.recoveredCuts(), st.recoveredCutBytes(),
                heap, Util.procStatusKb("self", "VmRSS"));
        log.close();
    }

    /**
     * 10 topics x 4 partitions (default settings: {@code interval}), 4 threads append keyed 100-byte
     * records with {@code appendBatch} until {@code megabytes} are stored, then every partition is read back
     * once. Prints heap after GC and resident memory.
     */
    static void heapProbe(Path dir, long megabytes) throws Exception {
        Util.deleteTree(dir);
        long target = megabytes << 20;
        try (LocalLog log = LocalLog.open(dir, LogConfig.defaults())) {
            for (int t = 0; t < 10; t++) {
                log.createTopic(TopicConfig.builder("topic" + t).partitions(4).build());
            }
            long heapEmpty = Util.heapAfterGc();
            long[] written = new long[4];
            List<Thread> ts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int id = i;
                Thread th = new Thread(() -> {
                    byte[] value = Util.payload(100, id);
                    List<LogRecord> batch = new ArrayList<>();
                    for (int k = 0; k < 100; k++) {
                        batch.add(new LogRecord(("sensor-" + (id * 100 + k)).getBytes(StandardCharsets.UTF_8), value, -1));
                    }
                    long mine = 0;
                    for (int n = 0; mine < target / 4; n++) {
                        log.appendBatch("topic" + ((n + id) % 10), batch);
                        mine += 100 * 120;
                    }
                    written[id] = mine;
                });
                ts.add(th);
                th.start();
            }
            for (Thread th : ts) {
                th.join();
            }
            long stored = 0;
            long records = 0;
            int segments = 0;
            for (int t = 0; t < 10; t++) {
                for (PartitionInfo p : log.partitions("topic" + t)) {
                    stored += p.sizeBytes();
                    records += p.recordCount();
                    segments += p.segmentCount();
                }
            }
            long heapFull = Util.heapAfterGc();
            long read = 0;
            for (int t = 0; t < 10; t++) {
                for (int p = 0; p < 4; p++) {
                    try (LogReader r = log.reader("topic" + t, p, 0)) {
                        while (true) {
                            List<StoredRecord> got = r.poll(1000, Duration.ZERO);
                            if (got.isEmpty()) {
                                break;
                            }
                            read += got.size();
                        }
                    }
                }
            }
            if (read != records) {
                throw new IllegalStateException("read " + read + " of " + records);
            }
            long heapAfterRead = Util.heapAfterGc();
            System.out.printf(Locale.ROOT, "STORED=%d%nRECORDS=%d%nSEGMENTS=%d%nHEAP_EMPTY=%d%nHEAP_FULL=%d%nHEAP_AFTER_READ=%d%n"
                    + "RSS_KB=%d%nHWM_KB=%d%nOK%n", stored, records, segments, heapEmpty, heapFull, heapAfterRead,
                    Util.procStatusKb("self", "VmRSS"), Util.procStatusKb("self", "VmHWM"));
        } finally {
            Util.deleteTree(dir);
        }
    }
}
