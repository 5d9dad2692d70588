package io.edgegateway.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * EIO and ENOSPC at every step: a scripted workload on {@link FaultyStorage} over {@link SimDisk} fails the
 * N-th write, fsync, directory fsync, rename, truncate or file creation, for every N the workload reaches,
 * (a) once with EIO, and (b) with ENOSPC from then on for a few iterations before "space returns" (the
 * default run alternates (a) and (b) over N; {@code -Dedge.stress=true} runs both for every N).
 *
 * <p>Checked: every failure reaches the caller as a {@link LogException} (ENOSPC on a write as a
 * {@link DiskFullException}); no asynchronous append is left undecided; in the running log exactly the
 * acknowledged records are readable (a refused append is not); once the fault clears appends work again
 * without reopening (unless the log said a partition needs a reopen, which is allowed only after a failed
 * fsync or truncate left it unsure of its own file); then the power is cut keeping only synced data, and
 * the reopened log has every acknowledged {@code always} record, every {@code interval} record acknowledged
 * before a flusher fsync that succeeded, no {@code .tmp} file, and accepts appends.
 */
class IoFaultTest {
    static final Path ROOT = Path.of("/sim/log");
    static final long BASE_SEED = Long.getLong("edge.seed", System.nanoTime());
    static final int ITERATIONS = 30;
    /** {@code -Dedge.fault=ASYNC:FSYNC:144} (a regular expression) replays runs of {@link #everyIoErrorAndFullDiskAtEveryStep}. */
    static final String ONLY = System.getProperty("edge.fault");

    enum Mode { BLOCKING, ASYNC }

    static LogConfig config(Storage s, TestClock clock, Mode mode) {
        return LogConfig.builder().storage(s).clock(clock).writeBufferBytes(4096).indexIntervalBytes(256)
                .retentionCheckIntervalMs(3_600_000).asyncLingerMicros(mode == Mode.ASYNC ? 0 : 3_600_000_000L)
                .build();
    }

    static final TopicConfig A = TopicConfig.builder("a").partitions(2).durability(Durability.ALWAYS)
            .segmentBytes(4096).retentionBytes(12_000).build();
    static final TopicConfig I = TopicConfig.builder("i").partitions(1).durability(Durability.INTERVAL)
            .segmentBytes(4096).flushIntervalMs(3_600_000).flushIntervalBytes(1L << 40).build();

    /** The workload, tolerant of failures: it records what was acknowledged and what was refused. */
    static final class Run {
        final Mode mode;
        final SimDisk disk = new SimDisk().mkdirsDurable(ROOT);
        final FaultyStorage storage;
        final TestClock clock = new TestClock(1_700_000_000_000L);
        final Ledger ledger = new Ledger(5);
        final Set<Long> refused = new HashSet<>();
        final List<RuntimeException> errors = new ArrayList<>();
        final List<RuntimeException> appendErrors = new ArrayList<>();
        final Random r = new Random(11);
        LocalLog log;

        Run(Mode mode, long seed) {
            this.mode = mode;
            this.storage = new FaultyStorage(disk, seed);
            ledger.policy("a", Durability.ALWAYS);
            ledger.policy("i", Durability.INTERVAL);
        }

        void open() {
            log = LocalLog.open(ROOT, config(storage, clock, mode));
            log.createTopic(A);
            log.createTopic(I);
        }

        void iteration(int it) {
            clock.advance(1000);
            if (mode == Mode.BLOCKING) {
                single("a", it % 2);
                single("i", 0);
                batch("a", 3);
            } else {
                asyncBurst("a", 6);
                asyncBurst("i", 3);
            }
            if (it % 5 == 4) {
                tick();
            }
            if (it % 7 == 6) {
                attempt(() -> log.cursor("up", "a").commit(0, ledger.ackedEnd("a", 0)));
            }
            if (it % 9 == 8) {
                for (Partition p : log.partitionsForTest()) {
                    ledger.retentionMayDeleteBelow(p.topic, p.id, p.active().baseOffset());
                }
                attempt(log::enforceRetention);
            }
        }

        private LogRecord record(String topic) {
            byte[] key = ("dev-" + r.nextInt(5)).getBytes(StandardCharsets.UTF_8);
            return ledger.next(topic, key, 8 + r.nextInt(r.nextInt(6) == 0 ? 1800 : 500), clock.millis());
        }

        private void single(String topic, int p) {
            LogRecord rec = record(topic);
            try {
                ledger.ack(log.append(topic, p, rec), rec);
            } catch (RuntimeException e) {
                failed(e);
                appendErrors.add(e);
                refused.add(Ledger.seqOf(rec.value()));
            }
        }

        private void batch(String topic, int n) {
            List<LogRecord> recs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                recs.add(record(topic));
            }
            try {
                List<AppendResult> res = log.appendBatch(topic, recs);
                for (int i = 0; i < n; i++) {
                    ledger.ack(res.get(i), recs.get(i));
                }
            } catch (RuntimeException e) {
                // Some batches of the call may have been written and acknowledged: they may be present.
                failed(e);
                appendErrors.add(e);
            }
        }

        private void asyncBurst(String topic, int n) {
            List<LogRecord> recs = new ArrayList<>();
            List<CompletableFuture<AppendResult>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                LogRecord rec = record(topic);
                recs.add(rec);
                fs.add(log.appendAsync(topic, rec));
            }
            for (int i = 0; i < n; i++) {
                try {
                    ledger.ack(fs.get(i).get(10, TimeUnit.SECONDS), recs.get(i));
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException re ? re
                            : new RuntimeException(e.getCause());
                    failed(cause);
                    appendErrors.add(cause);
                    refused.add(Ledger.seqOf(recs.get(i).value()));
                } catch (TimeoutException e) {
                    fail("asynchronous append never completed (offset undecided) in " + storageState());
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }

        /** The interval flusher at a scripted moment; its fsync succeeded if no fsync failure was counted. */
        private void tick() {
            for (Partition p : log.partitionsForTest()) {
                if (p.config().durability() == Durability.INTERVAL) {
                    long failuresBefore = log.stats().fsyncFailures();
                    p.syncInBackground();
                    if (log.stats().fsyncFailures() == failuresBefore) {
                        ledger.durable(p.topic, p.id);
                    }
                }
            }
        }

        private void attempt(Runnable op) {
            try {
                op.run();
            } catch (RuntimeException e) {
                failed(e);
            }
        }

        private void failed(RuntimeException e) {
            if (!(e instanceof LogException)) {
                throw new AssertionError("an I/O failure reached the caller as " + e + " in " + storageState(), e);
            }
            errors.add(e);
        }

        String storageState() {
            return "(fault fired " + storage.fired() + " times)";
        }

        /** Checks the running log: exactly the acknowledged records (and maybe ones of failed batch calls). */
        void checkLive(String why) {
            for (String t : List.of("a", "i")) {
                for (int p = 0; p < log.topicConfig(t).partitions(); p++) {
                    for (StoredRecord s : ledger.check(log, t, p, why)) {
                        if (refused.contains(Ledger.seqOf(s.value()))) {
                            fail(why + ": " + s + " is readable although its append failed");
                        }
                    }
                    // Every acknowledged record is readable in the running log, whatever the policy.
                    long end = log.partitionInfo(t, p).endOffset();
                    assertTrue(ledger.ackedEnd(t, p) <= end, why + ": acknowledged " + t + "-" + p + " up to "
                            + ledger.ackedEnd(t, p) + " but the log ends at " + end);
                }
            }
        }
    }

    static Map<FaultyStorage.Kind, Long> countOps(Mode mode) {
        Run dry = new Run(mode, 1);
        dry.open();
        for (int it = 0; it < ITERATIONS; it++) {
            dry.iteration(it);
        }
        assertTrue(dry.errors.isEmpty(), "the workload fails without faults: " + dry.errors);
        dry.log.close();
        Map<FaultyStorage.Kind, Long> m = new EnumMap<>(FaultyStorage.Kind.class);
        for (FaultyStorage.Kind k : FaultyStorage.Kind.values()) {
            m.put(k, dry.storage.count(k));
        }
        return m;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyIoErrorAndFullDiskAtEveryStep(Mode mode) throws Exception {
        Map<FaultyStorage.Kind, Long> ops = countOps(mode);
        int runs = 0;
        long t0 = System.nanoTime();
        for (FaultyStorage.Kind kind : FaultyStorage.Kind.values()) {
            if (kind == FaultyStorage.Kind.DELETE) {
                continue; // deletions (retention, .tmp cleanup) only log their failure; covered by RetentionTest
            }
            for (long n = 1; n <= ops.get(kind); n++) {
                if (ONLY != null && !(mode + ":" + kind + ":" + n).matches(ONLY)) {
                    continue;
                }
                boolean[] variants = PowerLossTest.STRESS || ONLY != null ? new boolean[] {false, true}
                        : new boolean[] {n % 2 == 0};
                for (boolean diskFull : variants) {
                    long seed = BASE_SEED + n * 7919 + kind.ordinal() * 31 + (diskFull ? 1 : 0);
                    String what = mode + " " + (diskFull ? "ENOSPC from" : "EIO at") + " " + kind + " #" + n + " of "
                            + ops.get(kind) + " (seed " + seed + ", -Dedge.seed=" + BASE_SEED + ")";
                    try {
                        faultRun(mode, kind, n, diskFull, seed);
                    } catch (AssertionError | RuntimeException e) {
                        throw new AssertionError(what + ": " + e.getMessage(), e);
                    }
                    runs++;
                }
            }
        }
        System.out.printf("IoFaultTest %s: %d fault runs over %s in %d ms%n", mode, runs, ops,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    static void faultRun(Mode mode, FaultyStorage.Kind kind, long n, boolean diskFull, long seed) throws IOException {
        Run run = new Run(mode, seed);
        Supplier<IOException> err = diskFull ? FaultyStorage::enospc : FaultyStorage::eio;
        run.storage.failAt(kind, n, err, diskFull);
        int it = 0;
        try {
            try {
                run.open();
            } catch (LogException e) {
                // The fault hit while opening or creating the topics: opening again once it clears must work.
                assertTrue(run.storage.fired() > 0, "open failed without a fault: " + e);
                run.storage.clear();
                if (run.log != null) {
                    run.log.close();
                }
                run.open();
            }
            for (; it < ITERATIONS; it++) {
                run.iteration(it);
                if (diskFull && run.storage.fired() > 0 && run.errors.size() >= 3) {
                    break;
                }
            }
            run.storage.clear();
            for (RuntimeException e : run.appendErrors) {
                if (diskFull && kind == FaultyStorage.Kind.WRITE) {
                    assertTrue(e instanceof DiskFullException, "ENOSPC on a write reached the appender as " + e);
                }
            }
            run.checkLive("with the fault just cleared");
            int errorsBefore = run.errors.size();
            for (int more = 0; more < 4; more++, it++) {
                run.iteration(it);
            }
            if (run.errors.size() > errorsBefore) {
                RuntimeException e = run.errors.get(errorsBefore);
                boolean mayNeedReopen = kind == FaultyStorage.Kind.FSYNC || kind == FaultyStorage.Kind.TRUNCATE;
                assertTrue(mayNeedReopen && String.valueOf(e.getMessage()).contains("reopen the log"),
                        "appends still fail after the fault cleared: " + e);
                run.log.close();
                run.open();
                int again = run.errors.size();
                run.iteration(it++);
                assertEquals(again, run.errors.size(), "appends fail after a reopen: " + run.errors);
            }
            run.checkLive("after the fault cleared");
        } finally {
            if (run.log != null && !run.disk.crashed()) {
                run.disk.crashNow(seed, SimDisk.Damage.DROP_ALL);
            }
            if (run.log != null) {
                try {
                    run.log.close();
                } catch (LogException expected) {
                    // The machine is off.
                }
            }
        }
        SimDisk after = run.disk.afterCrash();
        TestClock clock = new TestClock(run.clock.millis() + 1000);
        try (LocalLog log = LocalLog.open(ROOT, config(after, clock, mode))) {
            // Checked before the appends below: a segment they roll is sealed in the background, and its
            // index files pass through a .tmp name while the log runs.
            Ledger.assertNoTmp(after, ROOT);
            for (String t : List.of("a", "i")) {
                for (int p = 0; p < log.topicConfig(t).partitions(); p++) {
                    run.ledger.check(log, t, p, "after a power cut that kept only synced data");
                    run.ledger.forgetBeyond(t, p, log.partitionInfo(t, p).endOffset());
                    LogRecord rec = run.ledger.next(t, null, 20, clock.millis());
                    run.ledger.ack(log.append(t, p, rec), rec);
                    run.ledger.check(log, t, p, "after the power cut and an append");
                }
            }
            Ledger.assertLayout(after, ROOT, log);
        }
        Ledger.assertNoTmp(after, ROOT);
    }

    /**
     * Under {@code always} one round of the group commit writes several batches and then fsyncs once. If a
     * later batch of the round fails to write, the earlier ones (written, not synced) must be decided too,
     * never left pending: the blocking appender got an {@link IllegalStateException} ("undecided"), an
     * asynchronous one would wait forever. Appends work again at once, and only decided records are read.
     */
    @org.junit.jupiter.api.Test
    void aWriteFailingInTheMiddleOfAGroupCommitDecidesEveryBatchOfTheRound() throws Exception {
        for (int failing = 1; failing <= 3; failing++) {
            for (boolean alsoFsync : new boolean[] {false, true}) {
                String what = "write " + failing + " of the round fails" + (alsoFsync ? ", and the next fsync" : "");
                SimDisk disk = new SimDisk().mkdirsDurable(ROOT);
                FaultyStorage storage = new FaultyStorage(disk, failing);
                Ledger ledger = new Ledger(failing);
                ledger.policy("a", Durability.ALWAYS);
                LogConfig cfg = LogConfig.builder().storage(storage).clock(new TestClock(1_000))
                        .writeBufferBytes(4096).asyncLingerMicros(3_600_000_000L).build();
                LocalLog log = LocalLog.open(ROOT, cfg);
                try {
                    log.createTopic(TopicConfig.builder("a").partitions(1).durability(Durability.ALWAYS).build());
                    LogRecord first = ledger.next("a", null, 100, 1);
                    ledger.ack(log.append("a", 0, first), first);
                    // 12 records of 1000 bytes: 3 or 4 batches of at most 4 KiB in one round, then one fsync.
                    List<LogRecord> recs = new ArrayList<>();
                    for (int i = 0; i < 12; i++) {
                        recs.add(ledger.next("a", null, 1000, 2));
                    }
                    if (alsoFsync) {
                        storage.failAt(FaultyStorage.Kind.FSYNC, 1, FaultyStorage::eio, false);
                    }
                    FaultyStorage.Kind kind = FaultyStorage.Kind.WRITE;
                    long writesBefore = storage.count(kind);
                    storage.failAt(kind, failing, FaultyStorage::eio, false);
                    LogException e = org.junit.jupiter.api.Assertions.assertThrows(LogException.class,
                            () -> log.appendBatch("a", recs), what);
                    assertTrue(String.valueOf(e.getMessage()).contains("Input/output error"), what + ": " + e);
                    assertTrue(storage.count(kind) - writesBefore >= failing, what);
                    storage.clear();
                    ledger.check(log, "a", 0, what);
                    long end = log.partitionInfo("a", 0).endOffset();
                    LogRecord after = ledger.next("a", null, 100, 4);
                    AppendResult r = log.append("a", 0, after);
                    assertEquals(end, r.offset(), what + ": offsets not dense after the failure");
                    ledger.ack(r, after);
                    ledger.check(log, "a", 0, what + ", then an append");
                    // What is readable under 'always' was acknowledged inside the log, so it is synced.
                    for (int i = 0; i < 12 && i < end - 1; i++) {
                        ledger.ack(new AppendResult("a", 0, 1 + i, 2), recs.get(i));
                    }
                } finally {
                    disk.crashNow(failing, SimDisk.Damage.DROP_ALL);
                    try {
                        log.close();
                    } catch (LogException expected) {
                        // The machine is off.
                    }
                }
                try (LocalLog again = LocalLog.open(ROOT, LogConfig.builder().storage(disk.afterCrash()).build())) {
                    ledger.check(again, "a", 0, what + ", then a power cut keeping only synced data");
                    assertEquals(ledger.ackedEnd("a", 0), again.partitionInfo("a", 0).endOffset(), what);
                }
            }
        }
    }

    /**
     * Committing a cursor on a full disk, whichever step of the checkpoint hits ENOSPC: the caller gets a
     * {@link DiskFullException}, the cursor keeps its previous position (also after a power cut), no
     * temporary file is left holding space, and the same commit succeeds once space returns.
     */
    @org.junit.jupiter.api.Test
    void aCursorCommitOnAFullDiskThrowsDiskFullAndKeepsThePreviousPosition() throws Exception {
        for (FaultyStorage.Kind kind : List.of(FaultyStorage.Kind.CREATE, FaultyStorage.Kind.TRUNCATE,
                FaultyStorage.Kind.WRITE, FaultyStorage.Kind.FSYNC, FaultyStorage.Kind.RENAME,
                FaultyStorage.Kind.DIR_SYNC)) {
            SimDisk disk = new SimDisk().mkdirsDurable(ROOT);
            FaultyStorage storage = new FaultyStorage(disk, 3);
            LogConfig cfg = LogConfig.builder().storage(storage).clock(new TestClock(1_000)).build();
            LocalLog log = LocalLog.open(ROOT, cfg);
            try {
                log.createTopic(TopicConfig.builder("a").durability(Durability.ALWAYS).build());
                for (int i = 0; i < 20; i++) {
                    log.append("a", 0, new LogRecord(null, new byte[50], 1_000));
                }
                Cursor c = log.cursor("up", "a");
                c.commit(0, 5);
                storage.failAt(kind, 1, FaultyStorage::enospc, true);
                DiskFullException e = org.junit.jupiter.api.Assertions.assertThrows(DiskFullException.class,
                        () -> c.commit(0, 12), kind.toString());
                assertTrue(storage.fired() > 0, kind + ": the fault never fired");
                assertTrue(e.getMessage().contains("disk is full"), kind + ": " + e.getMessage());
                assertEquals(5, c.position(0), kind + ": the position moved although the commit failed");
                Path tmp = ROOT.resolve("cursors/up/a.cursor" + AtomicFiles.TMP);
                assertTrue(!storage.exists(tmp), kind + ": the temporary file was left behind");
                storage.clear();
                c.commit(0, 12);
                assertEquals(12, c.position(0), kind.toString());
                c.commit(0, 5);
                // Power cut right after a failed commit: the previous position is what survives.
                storage.failAt(kind, 1, FaultyStorage::enospc, true);
                org.junit.jupiter.api.Assertions.assertThrows(DiskFullException.class, () -> c.commit(0, 12));
            } finally {
                disk.crashNow(1, SimDisk.Damage.DROP_ALL);
                log.close();
            }
            try (LocalLog again = LocalLog.open(ROOT, LogConfig.builder().storage(disk.afterCrash()).build())) {
                assertEquals(5, again.cursor("up", "a").position(0), kind + ": after a power cut");
            }
        }
    }

    /**
     * Closing on a full disk: close() returns normally, releases the files and the lock (the log opens
     * again at once), counts the fsync it could not do, leaves no temporary or half-written file, and
     * every record acknowledged under {@code always} survives a power cut right after.
     */
    @org.junit.jupiter.api.Test
    void closeOnAFullDiskClosesCleanly() throws Exception {
        SimDisk disk = new SimDisk().mkdirsDurable(ROOT);
        FaultyStorage storage = new FaultyStorage(disk, 4);
        TestClock clock = new TestClock(1_000);
        LogConfig cfg = LogConfig.builder().storage(storage).clock(clock).writeBufferBytes(4096)
                .asyncLingerMicros(3_600_000_000L).retentionCheckIntervalMs(3_600_000).build();
        Ledger ledger = new Ledger(4);
        ledger.policy("a", Durability.ALWAYS);
        ledger.policy("i", Durability.INTERVAL);
        LocalLog log = LocalLog.open(ROOT, cfg);
        log.createTopic(A);
        log.createTopic(I);
        for (int k = 0; k < 30; k++) {
            for (String t : List.of("a", "i")) {
                LogRecord r = ledger.next(t, null, 300, clock.millis());
                ledger.ack(log.append(t, 0, r), r);
            }
        }
        // Still in the open batch when the disk fills up: its write at close fails.
        LogRecord pending = ledger.next("i", null, 100, clock.millis());
        CompletableFuture<AppendResult> f = log.appendAsync("i", pending);
        long fsyncFailuresBefore = log.stats().fsyncFailures();
        for (FaultyStorage.Kind k : List.of(FaultyStorage.Kind.WRITE, FaultyStorage.Kind.FSYNC,
                FaultyStorage.Kind.CREATE, FaultyStorage.Kind.RENAME, FaultyStorage.Kind.DIR_SYNC)) {
            storage.failAt(k, 1, FaultyStorage::enospc, true);
        }
        log.close();
        assertTrue(storage.fired() > 0, "the full disk was never noticed");
        assertTrue(log.stats().fsyncFailures() > fsyncFailuresBefore, "the fsync that failed at close is not reported");
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> f.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof DiskFullException, "the pending append failed with " + e.getCause());
        Ledger.assertNoTmp(storage, ROOT);
        storage.clear();
        // The lock and the files were released: the same process opens the log again at once.
        try (LocalLog again = LocalLog.open(ROOT, cfg)) {
            for (String t : List.of("a", "i")) {
                ledger.check(again, t, 0, "reopened after closing on a full disk");
                assertEquals(ledger.ackedEnd(t, 0), again.partitionInfo(t, 0).endOffset(), t);
            }
        }
        disk.crashNow(4, SimDisk.Damage.DROP_ALL);
        try (LocalLog again = LocalLog.open(ROOT, LogConfig.builder().storage(disk.afterCrash()).build())) {
            for (String t : List.of("a", "i")) {
                ledger.check(again, t, 0, "after a power cut that followed the close on a full disk");
            }
            assertEquals(ledger.ackedEnd("a", 0), again.partitionInfo("a", 0).endOffset());
        }
    }
}
