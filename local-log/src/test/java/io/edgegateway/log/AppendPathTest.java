package io.edgegateway.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The append fast paths: pre-encoded records, appendBatch under one lock per partition, async futures. */
class AppendPathTest {
    @TempDir
    Path dir;

    private static List<StoredRecord> readAll(LocalLog log, String topic, int partition) {
        List<StoredRecord> out = new ArrayList<>();
        try (LogReader r = log.reader(topic, partition, 0)) {
            while (true) {
                List<StoredRecord> got = r.poll(1000, Duration.ZERO);
                if (got.isEmpty()) {
                    return out;
                }
                out.addAll(got);
            }
        }
    }

    @Test
    void appendBatchAcrossPartitionsKeepsInputOrderAndDenseOffsets() {
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(TopicConfig.builder("t").partitions(3).durability(Durability.INTERVAL).build());
            Random rnd = new Random(1);
            List<LogRecord> in = new ArrayList<>();
            for (int i = 0; i < 700; i++) {
                byte[] key = i % 7 == 0 ? null : ("k" + rnd.nextInt(40)).getBytes(StandardCharsets.UTF_8);
                byte[] value = new byte[rnd.nextInt(300)];
                value = ByteBuffer.allocate(4 + value.length).putInt(i).put(value).array();
                List<Header> hs = i % 5 == 0 ? List.of(Header.of("ключ", "v" + i), new Header("n", null)) : List.of();
                in.add(new LogRecord(key, value, 1000 + i, hs));
            }
            List<AppendResult> res = new ArrayList<>(log.appendBatch("t", in.subList(0, 350)));
            res.addAll(log.appendBatch("t", in.subList(350, 700)));
            assertEquals(700, res.size());
            Map<Integer, Long> next = new HashMap<>();
            for (int i = 0; i < in.size(); i++) {
                AppendResult r = res.get(i);
                if (in.get(i).key() != null) {
                    assertEquals(KeyPartitioner.partition(in.get(i).key(), 3), r.partition());
                }
                long expected = next.getOrDefault(r.partition(), 0L);
                assertEquals(expected, r.offset(), "record " + i);
                next.put(r.partition(), expected + 1);
                assertEquals(1000 + i, r.timestamp());
            }
            for (int p = 0; p < 3; p++) {
                List<StoredRecord> got = readAll(log, "t", p);
                assertEquals((long) next.getOrDefault(p, 0L), got.size());
                for (StoredRecord s : got) {
                    int i = ByteBuffer.wrap(s.value()).getInt();
                    assertEquals(in.get(i), s.toLogRecord(), "record " + i);
                    assertEquals(res.get(i).offset(), s.offset());
                }
            }
        }
    }

    @Test
    void asyncAppendsFromManyThreadsGetDenseOffsetsMatchingWhatIsStored() throws Exception {
        int threads = 4;
        int each = 3000;
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(TopicConfig.builder("t").partitions(1).durability(Durability.OS).segmentBytes(64 * 1024).build());
            List<List<CompletableFuture<AppendResult>>> futures = new ArrayList<>();
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<CompletableFuture<AppendResult>> mine = new ArrayList<>();
                futures.add(mine);
                int id = t;
                Thread th = new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        mine.add(log.appendAsync("t", new LogRecord(null, ByteBuffer.allocate(8).putInt(id).putInt(i).array(), -1)));
                    }
                });
                ts.add(th);
                th.start();
            }
            for (Thread th : ts) {
                th.join();
            }
            Map<Long, byte[]> byOffset = new HashMap<>();
            for (int t = 0; t < threads; t++) {
                long last = -1;
                for (int i = 0; i < each; i++) {
                    AppendResult r = futures.get(t).get(i).get();
                    assertTrue(r.offset() > last, "one thread's records keep their order");
                    last = r.offset();
                    byOffset.put(r.offset(), ByteBuffer.allocate(8).putInt(t).putInt(i).array());
                }
            }
            assertEquals(threads * each, byOffset.size());
            List<StoredRecord> got = readAll(log, "t", 0);
            assertEquals(threads * each, got.size());
            for (int k = 0; k < got.size(); k++) {
                assertEquals(k, got.get(k).offset());
                assertArrayEquals(byOffset.get((long) k), got.get(k).value());
            }
        }
    }

    @Test
    void largeRecordsAndHeadersRoundTripAlongsidePreEncodedOnes() {
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(TopicConfig.builder("t").partitions(1).build());
            Random rnd = new Random(2);
            List<LogRecord> in = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int size = i % 10 == 3 ? 200 * 1024 + i : rnd.nextInt(2000);
                byte[] v = new byte[size];
                rnd.nextBytes(v);
                in.add(new LogRecord(i % 2 == 0 ? new byte[0] : null, v, i, List.of(Header.of("h" + i, "é"))));
            }
            log.appendBatch("t", in);
            for (LogRecord r : in) {
                log.append("t", 0, r);
            }
            List<StoredRecord> got = readAll(log, "t", 0);
            assertEquals(80, got.size());
            for (int i = 0; i < 80; i++) {
                assertEquals(in.get(i % 40), got.get(i).toLogRecord(), "record " + i);
            }
        }
    }

    @Test
    void intervalByteLimitIsKeptByTheWriter() {
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(TopicConfig.builder("t").partitions(1).durability(Durability.INTERVAL)
                    .flushIntervalMs(3_600_000).flushIntervalBytes(10_000).build());
            long before = log.stats().fsyncs();
            for (int i = 0; i < 200; i++) {
                log.append("t", 0, new LogRecord(null, new byte[1000], -1));
            }
            // ~200 KB in batches of one record: an fsync each time 10 KB are crossed, none from the clock.
            long syncs = log.stats().fsyncs() - before;
            assertTrue(syncs >= 18 && syncs <= 21, "fsyncs: " + syncs);
        }
    }

    /**
     * Under {@code os} a roll does not wait for the old segment's fsync: with that fsync held up, appends go
     * on in the new segment; the durable end stays before the old segment until its seal completes, and
     * {@code flush()} completes it.
     */
    @Test
    void aRollUnderOsDoesNotWaitForTheOldSegmentsFsync() throws Exception {
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        Storage storage = withForceHook(Segment.name(0, Segment.LOG), () -> await(gate));
        try (LocalLog log = LocalLog.open(dir, LogConfig.builder().storage(storage).build())) {
            log.createTopic(TopicConfig.builder("t").durability(Durability.OS).segmentBytes(4096).build());
            Partition p = log.partitionsForTest().iterator().next();
            CompletableFuture<Long> appended = CompletableFuture.supplyAsync(() -> {
                while (p.segments().size() < 2) {
                    log.append("t", 0, new LogRecord(null, new byte[100], -1));
                }
                // Well within the new segment: no second roll, which would wait for the first seal.
                for (int i = 0; i < 15; i++) {
                    log.append("t", 0, new LogRecord(null, new byte[100], -1));
                }
                return log.partitionInfo("t", 0).endOffset();
            });
            long end;
            try {
                end = appended.get(20, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                gate.countDown();
            }
            long firstEnd = p.segments().get(1).baseOffset();
            assertTrue(end > firstEnd, "nothing appended after the roll");
            assertTrue(p.durableEnd() <= firstEnd, "durable end " + p.durableEnd() + " past an unsealed segment");
            log.flush();
            assertEquals(end, p.durableEnd());
            assertTrue(java.nio.file.Files.exists(dir.resolve("topics/t/0").resolve(Segment.name(0, Segment.INDEX))),
                    "the seal wrote no index files");
        }
    }

    /**
     * While the previous segment's seal is held up, the active segment does not roll at segmentBytes (that
     * roll would wait for the seal under the I/O lock): it takes up to half a segment more, then the roll
     * waits. Once the seal completes, the next write rolls, and every record is stored once, in order.
     */
    @Test
    void aRollWhileThePreviousSegmentIsStillSealingIsDeferredByHalfASegment() throws Exception {
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        Storage storage = withForceHook(Segment.name(0, Segment.LOG), () -> await(gate));
        int segmentBytes = 4096;
        long written;
        try (LocalLog log = LocalLog.open(dir, LogConfig.builder().storage(storage).build())) {
            log.createTopic(TopicConfig.builder("t").durability(Durability.OS).segmentBytes(segmentBytes).build());
            Partition p = log.partitionsForTest().iterator().next();
            CompletableFuture<Void> appender = CompletableFuture.runAsync(() -> {
                while (p.segments().size() < 3) {
                    log.append("t", 0, new LogRecord(null, new byte[100], -1));
                }
            });
            // The second segment fills past segmentBytes; the appender then waits in the third roll.
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (p.segments().get(p.segments().size() - 1).size() < segmentBytes + segmentBytes / 2 - 200
                    && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread.sleep(50);
            Segment second = p.segments().get(1);
            assertEquals(2, p.segments().size(), "rolled while the previous seal was held up");
            assertTrue(second.size() > segmentBytes && second.size() <= segmentBytes + segmentBytes / 2,
                    "second segment holds " + second.size() + " bytes");
            assertTrue(!appender.isDone(), "the appender went on past the limit");
            gate.countDown();
            appender.get(20, java.util.concurrent.TimeUnit.SECONDS);
            written = log.partitionInfo("t", 0).endOffset();
        }
        try (LocalLog log = LocalLog.open(dir); LogReader r = log.reader("t", 0, 0)) {
            assertEquals(written, log.partitionInfo("t", 0).endOffset());
            long next = 0;
            while (next < written) {
                for (StoredRecord rec : r.poll(1000, Duration.ofSeconds(5))) {
                    assertEquals(next++, rec.offset());
                }
            }
        }
    }

    /**
     * Under {@code interval} the flusher's fsync runs without the I/O lock: while it is held up, appends are
     * still acknowledged; when it returns, the durable end moves to what was written before it started.
     */
    @Test
    void anIntervalFsyncDoesNotHoldUpAppends() throws Exception {
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
        Storage storage = withForceHook(Segment.name(0, Segment.LOG), () -> {
            if (armed.get()) {
                entered.countDown();
                await(gate);
            }
        });
        try (LocalLog log = LocalLog.open(dir, LogConfig.builder().storage(storage).build())) {
            log.createTopic(TopicConfig.builder("t").durability(Durability.INTERVAL).flushIntervalMs(3_600_000).build());
            Partition p = log.partitionsForTest().iterator().next();
            for (int i = 0; i < 10; i++) {
                log.append("t", 0, new LogRecord(null, new byte[100], -1));
            }
            armed.set(true);
            CompletableFuture<Void> sync = CompletableFuture.runAsync(p::syncInBackground);
            try {
                assertTrue(entered.await(10, java.util.concurrent.TimeUnit.SECONDS), "the fsync never started");
                CompletableFuture<Void> more = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 10; i++) {
                        log.append("t", 0, new LogRecord(null, new byte[100], -1));
                    }
                });
                more.get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(20, log.partitionInfo("t", 0).endOffset());
                assertEquals(0, p.durableEnd(), "durable before the fsync returned");
            } finally {
                gate.countDown();
            }
            sync.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(10, p.durableEnd(), "the fsync covers what was written before it started, and no more");
            p.syncInBackground();
            assertEquals(20, p.durableEnd());
        }
    }

    /**
     * An asynchronous appender that seals a batch while another thread holds the I/O lock does not wait:
     * the holder writes the batch when it lets go. With the flusher's linger out of the way, every sealed
     * batch must still be written without help, so at most the open batch is left pending when the
     * appenders stop; a lost hand-over would leave a sealed batch (and its futures) behind.
     */
    @Test
    void sealedBatchesOfConcurrentAsyncAppendersAreAllWrittenWithoutTheFlusher() throws Exception {
        LogConfig cfg = LogConfig.builder().writeBufferBytes(4096).asyncLingerMicros(3_600_000_000L).build();
        try (LocalLog log = LocalLog.open(dir, cfg)) {
            log.createTopic(TopicConfig.builder("t").durability(Durability.OS).build());
            int perBatch = 4096 / 110;
            for (int round = 0; round < 200; round++) {
                List<CompletableFuture<AppendResult>> all = java.util.Collections.synchronizedList(new ArrayList<>());
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    Thread th = new Thread(() -> {
                        for (int i = 0; i < 200; i++) {
                            all.add(log.appendAsync("t", new LogRecord(null, new byte[100], -1)));
                        }
                    });
                    threads.add(th);
                    th.start();
                }
                for (Thread th : threads) {
                    th.join();
                }
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                long pending;
                do {
                    pending = all.stream().filter(f -> !f.isDone()).count();
                } while (pending > 4 * perBatch && System.nanoTime() < deadline);
                // Each appender's own batch may still be open; no sealed batch may be left behind.
                assertTrue(pending <= 4 * perBatch, "round " + round + ": " + pending + " appends wait, more than the open batches");
                log.flush();
                for (CompletableFuture<AppendResult> f : all) {
                    f.get(10, java.util.concurrent.TimeUnit.SECONDS);
                }
            }
            assertEquals(200 * 4 * 200, log.partitionInfo("t", 0).endOffset());
        }
    }

    /**
     * Futures are completed after the I/O lock is released, by whichever thread drains the acknowledgements.
     * A callback that appends again, asynchronously or blocking, must not deadlock nor lose a record: it
     * runs while its thread drains the acknowledgements, and the append it makes is acknowledged by that
     * same thread.
     */
    @Test
    void futureCallbacksMayAppendAgainWhileOthersAppend() throws Exception {
        try (LocalLog log = LocalLog.open(dir, LogConfig.builder().writeBufferBytes(4096).build())) {
            log.createTopic(TopicConfig.builder("t").durability(Durability.OS).build());
            List<CompletableFuture<?>> all = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    for (int i = 0; i < 2000; i++) {
                        boolean again = i % 50 == 0;
                        all.add(log.appendAsync("t", new LogRecord(null, new byte[100], -1)).thenAccept(r -> {
                            if (again) {
                                log.append("t", 0, new LogRecord(null, new byte[10], -1));
                                all.add(log.appendAsync("t", new LogRecord(null, new byte[10], -1)));
                            }
                        }));
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join();
            }
            log.flush();
            for (int i = 0; i < all.size(); i++) {
                all.get(i).get(20, java.util.concurrent.TimeUnit.SECONDS);
            }
            log.flush();
            assertEquals(4 * 2000 + 2 * 4 * 40, log.partitionInfo("t", 0).endOffset());
        }
    }

    /**
     * Asynchronous appends of a thread go into a batch of its own and get their offsets when it is handed
     * over; a blocking append or batch by the same thread hands it over first, so each thread's records
     * keep the order of its calls, whichever API it mixes.
     */
    @Test
    void eachThreadsRecordsKeepTheOrderOfItsCallsAcrossApis() throws Exception {
        try (LocalLog log = LocalLog.open(dir, LogConfig.builder().writeBufferBytes(4096).build())) {
            log.createTopic(TopicConfig.builder("t").durability(Durability.OS).build());
            int threads = 4;
            List<List<CompletableFuture<AppendResult>>> perThread = new ArrayList<>();
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<CompletableFuture<AppendResult>> mine = new ArrayList<>();
                perThread.add(mine);
                Thread th = new Thread(() -> {
                    for (int i = 0; i < 300; i++) {
                        for (int k = 0; k < 5; k++) {
                            mine.add(log.appendAsync("t", new LogRecord(null, new byte[50], -1)));
                        }
                        if (i % 3 == 0) {
                            mine.add(CompletableFuture.completedFuture(log.append("t", 0, new LogRecord(null, new byte[20], -1))));
                        } else if (i % 3 == 1) {
                            for (AppendResult r : log.appendBatch("t", List.of(new LogRecord(null, new byte[30], -1),
                                    new LogRecord(null, new byte[30], -1)))) {
                                mine.add(CompletableFuture.completedFuture(r));
                            }
                        }
                    }
                });
                ts.add(th);
                th.start();
            }
            for (Thread th : ts) {
                th.join();
            }
            log.flush();
            long total = 0;
            for (List<CompletableFuture<AppendResult>> mine : perThread) {
                long last = -1;
                for (CompletableFuture<AppendResult> f : mine) {
                    long offset = f.get(10, java.util.concurrent.TimeUnit.SECONDS).offset();
                    assertTrue(offset > last, "offset " + offset + " after " + last);
                    last = offset;
                }
                total += mine.size();
            }
            assertEquals(total, log.partitionInfo("t", 0).endOffset(), "offsets are dense");
            assertEquals(total, readAll(log, "t", 0).size());
        }
    }

    /**
     * A thread's batch that is not full waits for the flusher's linger; flush() and close() hand over every
     * thread's batch, including those of threads that have ended.
     */
    @Test
    void flushAndCloseWriteTheBatchesOfOtherThreads() throws Exception {
        LogConfig cfg = LogConfig.builder().asyncLingerMicros(3_600_000_000L).build();
        List<CompletableFuture<AppendResult>> fs = java.util.Collections.synchronizedList(new ArrayList<>());
        try (LocalLog log = LocalLog.open(dir, cfg)) {
            log.createTopic(TopicConfig.builder("t").durability(Durability.OS).build());
            Thread a = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    fs.add(log.appendAsync("t", new LogRecord(null, new byte[10], -1)));
                }
            });
            a.start();
            a.join();
            assertTrue(fs.stream().noneMatch(CompletableFuture::isDone), "written before the linger or a flush");
            log.flush();
            for (CompletableFuture<AppendResult> f : fs) {
                f.get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            Thread b = new Thread(() -> {
                for (int i = 0; i < 5; i++) {
                    fs.add(log.appendAsync("t", new LogRecord(null, new byte[10], -1)));
                }
            });
            b.start();
            b.join();
        }
        for (CompletableFuture<AppendResult> f : fs) {
            f.get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        try (LocalLog log = LocalLog.open(dir, cfg)) {
            assertEquals(15, log.partitionInfo("t", 0).endOffset());
        }
    }

    /**
     * Asynchronous appends "now" (-1) share a clock reading: a thread's batch reads the clock for its first
     * such record and then once per 16, and a batch handed over starts with a fresh reading. What is stored
     * is what the futures report, and explicit timestamps stay as given.
     */
    @Test
    void asyncAppendsNowShareOneClockReadingPerSixteenRecordsOfABatch() throws Exception {
        TestClock clock = new TestClock(1_000_000);
        LogConfig cfg = LogConfig.builder().clock(clock).asyncLingerMicros(3_600_000_000L).build();
        try (LocalLog log = LocalLog.open(dir, cfg)) {
            log.createTopic(TopicConfig.builder("t").durability(Durability.OS).build());
            List<CompletableFuture<AppendResult>> fs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                fs.add(log.appendAsync("t", new LogRecord(null, new byte[10], i == 20 ? 5 : -1)));
                clock.advance(1);
            }
            log.flush();
            fs.add(log.appendAsync("t", new LogRecord(null, new byte[10], -1)));
            log.flush();
            long[] expected = new long[41];
            for (int i = 0; i < 40; i++) {
                // Records 0-15 get the reading taken at 0; 16-32 but 20 (explicit, it takes no share) the one
                // at 16; 33-39 the one at 33.
                expected[i] = 1_000_000 + (i < 16 ? 0 : i <= 32 ? 16 : 33);
            }
            expected[20] = 5;
            expected[40] = 1_000_040;
            try (LogReader r = log.reader("t", 0, 0)) {
                List<StoredRecord> got = r.poll(100, Duration.ofSeconds(5));
                assertEquals(41, got.size());
                for (int i = 0; i < 41; i++) {
                    assertEquals(expected[i], fs.get(i).get().timestamp(), "reported timestamp of record " + i);
                    assertEquals(expected[i], got.get(i).timestamp(), "stored timestamp of record " + i);
                }
            }
        }
    }

    /** With the default linger, a lone asynchronous append is written by the flusher soon after. */
    @Test
    void aLoneAsyncAppendIsWrittenAfterTheLinger() throws Exception {
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(TopicConfig.builder("t").durability(Durability.OS).build());
            AppendResult r = log.appendAsync("t", new LogRecord(null, new byte[10], -1)).get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, r.offset());
        }
    }

    /** The log's file storage, with {@code hook} run before every fsync of the file named {@code fileName}. */
    private static Storage withForceHook(String fileName, Runnable hook) {
        Storage files = new FileStorage();
        return (Storage) java.lang.reflect.Proxy.newProxyInstance(Storage.class.getClassLoader(),
                new Class<?>[] {Storage.class}, (proxy, m, args) -> {
                    Object r;
                    try {
                        r = m.invoke(files, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (m.getName().equals("open") && ((Path) args[0]).getFileName().toString().equals(fileName)) {
                        StorageFile f = (StorageFile) r;
                        return new StorageFile() {
                            public void write(ByteBuffer src, long position) throws java.io.IOException {
                                f.write(src, position);
                            }

                            public int read(ByteBuffer dst, long position) throws java.io.IOException {
                                return f.read(dst, position);
                            }

                            public long size() throws java.io.IOException {
                                return f.size();
                            }

                            public void truncate(long size) throws java.io.IOException {
                                f.truncate(size);
                            }

                            public void force() throws java.io.IOException {
                                hook.run();
                                f.force();
                            }

                            public void close() throws java.io.IOException {
                                f.close();
                            }
                        };
                    }
                    return r;
                });
    }

    private static void await(java.util.concurrent.CountDownLatch gate) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
