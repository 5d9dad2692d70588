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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** local-log append and read cases. Each append case gets a fresh log directory with one topic of one partition. */
final class LogBench {
    static final String TOPIC = "bench";
    /** Records per {@code appendBatch} call. */
    static final int BATCH = Integer.getInteger("bench.batch", 100);
    /** Asynchronous appenders wait for the acknowledgement of a chunk of about 64 KiB of records... */
    static int chunk(int valueSize) {
        return Math.max(16, 65536 / (valueSize + 10));
    }

    /** ...once this many chunks are in flight. */
    static final int IN_FLIGHT_CHUNKS = 2;

    enum Api { BLOCKING, ASYNC, BATCH }

    /** One append case. {@code flushIntervalBytes} > 0 only for the "interval, fsync per ~1,000 records" variant. */
    record Case(int valueSize, Durability durability, long flushIntervalBytes, int threads, Api api) {
        String policyName() {
            String p = durability.name().toLowerCase();
            return flushIntervalBytes > 0 ? p + "-1k" : p;
        }

        String id() {
            return "log/" + sizeName(valueSize) + "/" + policyName() + "/" + api.name().toLowerCase() + "/t" + threads;
        }
    }

    /** What an append case measured. */
    record Outcome(Util.Rate rate, double bytesPerRecord, double bytesPerFsync, double recordsPerFsync) {
    }

    static String sizeName(int valueSize) {
        return valueSize >= 1024 ? (valueSize / 1024) + "KiB" : valueSize + "B";
    }

    private LogBench() {
    }

    static Outcome append(Path dir, Case c, long warmupMs, long measureMs) throws Exception {
        Util.deleteTree(dir);
        TopicConfig.Builder tb = TopicConfig.builder(TOPIC).partitions(1).durability(c.durability());
        if (Long.getLong("bench.segmentBytes") != null) {
            tb.segmentBytes(Long.getLong("bench.segmentBytes"));
        }
        if (c.flushIntervalBytes() > 0) {
            tb.flushIntervalBytes(c.flushIntervalBytes());
        }
        LocalLog log = LocalLog.open(dir, LogConfig.defaults());
        try {
            log.createTopic(tb.build());
            Util.Rate rate = Util.timed(c.threads(), warmupMs, measureMs, (id, run) -> {
                LogRecord rec = new LogRecord(null, Util.payload(c.valueSize(), id), -1);
                long done = 0;
                switch (c.api()) {
                    case BLOCKING -> {
                        while (!run.stopped()) {
                            log.append(TOPIC, 0, rec);
                            run.count(id, ++done);
                        }
                    }
                    case BATCH -> {
                        List<LogRecord> batch = new ArrayList<>(BATCH);
                        for (int i = 0; i < BATCH; i++) {
                            batch.add(rec);
                        }
                        while (!run.stopped()) {
                            log.appendBatch(TOPIC, batch);
                            done += BATCH;
                            run.count(id, done);
                        }
                    }
                    case ASYNC -> {
                        ArrayDeque<CompletableFuture<?>> inFlight = new ArrayDeque<>();
                        int chunk = chunk(c.valueSize());
                        while (!run.stopped()) {
                            CompletableFuture<?> last = null;
                            for (int i = 0; i < chunk; i++) {
                                last = log.appendAsync(TOPIC, rec);
                            }
                            inFlight.add(last);
                            if (inFlight.size() > IN_FLIGHT_CHUNKS) {
                                // One partition: futures complete in offset order, so the chunk is acknowledged.
                                inFlight.poll().join();
                                done += chunk;
                                run.count(id, done);
                            }
                        }
                        for (CompletableFuture<?> f : inFlight) {
                            f.join();
                        }
                    }
                }
            });
            LogStats st = log.stats();
            PartitionInfo pi = log.partitionInfo(TOPIC, 0);
            double bpr = pi.recordCount() == 0 ? 0 : (double) pi.sizeBytes() / pi.recordCount();
            double bpf = st.fsyncs() == 0 ? 0 : (double) pi.sizeBytes() / st.fsyncs();
            double rpf = st.fsyncs() == 0 ? 0 : (double) pi.recordCount() / st.fsyncs();
            return new Outcome(rate, bpr, bpf, rpf);
        } finally {
            log.close();
            Util.deleteTree(dir);
        }
    }

    /** Fills a one-partition {@code os} topic with {@code records} records for the read case. */
    static void fill(Path dir, int valueSize, long records) {
        Util.deleteTree(dir);
        try (LocalLog log = LocalLog.open(dir, LogConfig.defaults())) {
            log.createTopic(TopicConfig.builder(TOPIC).partitions(1).durability(Durability.OS).build());
            LogRecord rec = new LogRecord(null, Util.payload(valueSize, 1), -1);
            List<LogRecord> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(rec);
            }
            for (long n = 0; n < records; n += BATCH) {
                log.appendBatch(TOPIC, batch);
            }
        }
    }

    /** Opens the filled log and reads every record once with one reader; returns records per second. */
    static double read(Path dir) {
        try (LocalLog log = LocalLog.open(dir, LogConfig.defaults())) {
            long end = log.partitionInfo(TOPIC, 0).endOffset();
            long n = 0;
            long bytes = 0;
            long t0 = System.nanoTime();
            try (LogReader r = log.reader(TOPIC, 0, 0)) {
                while (r.position() < end) {
                    List<StoredRecord> got = r.poll(4096, Duration.ZERO);
                    for (int i = 0; i < got.size(); i++) {
                        bytes += got.get(i).value().length;
                    }
                    n += got.size();
                }
            }
            double rate = n * 1e9 / (System.nanoTime() - t0);
            if (n != end || bytes == 0) {
                throw new IllegalStateException("read " + n + " of " + end + " records");
            }
            return rate;
        }
    }
}
