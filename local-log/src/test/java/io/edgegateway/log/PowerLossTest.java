package io.edgegateway.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Simulated power loss at every I/O step of a scripted workload (SQLite's crash test, on {@link SimDisk}):
 * two partitions of an {@code always} topic, two of an {@code interval} topic and an {@code os} topic
 * created midway, 4 KiB segments so the workload rolls often, single, batch and asynchronous appends,
 * cursor commits, a topic update, the interval flusher and retention. At step k the power goes; the
 * disk keeps what a disk could keep (several random damages per k, seeded); the log is reopened and must
 * have lost no acknowledged {@code always} record, no {@code interval} record acknowledged before the last
 * flusher fsync, invented or altered nothing, kept offsets dense, left no {@code .tmp} file and no
 * checkpoint naming a missing file, and accept appends.
 *
 * <p>Default run: every k with 2 damages. {@code -Dedge.stress=true} ({@code mvn verify -Pstress}): 8
 * damages per k. {@code -Dedge.seed=N} replays a seed printed by a failure.
 */
class PowerLossTest {
    static final boolean STRESS = Boolean.getBoolean("edge.stress");
    static final Path ROOT = Path.of("/sim/log");
    static final long BASE_SEED = Long.getLong("edge.seed", System.nanoTime());

    static LogConfig config(Storage s, TestClock clock) {
        return LogConfig.builder().storage(s).clock(clock).writeBufferBytes(4096).indexIntervalBytes(128)
                .retentionCheckIntervalMs(3_600_000).asyncLingerMicros(3_600_000_000L).build();
    }

    static TopicConfig topicA(long retentionBytes) {
        return TopicConfig.builder("a").partitions(2).durability(Durability.ALWAYS).segmentBytes(4096)
                .retentionBytes(retentionBytes).build();
    }

    static final TopicConfig TOPIC_I = TopicConfig.builder("i").partitions(2).durability(Durability.INTERVAL)
            .segmentBytes(4096).flushIntervalMs(3_600_000).flushIntervalBytes(1L << 40).build();
    static final TopicConfig TOPIC_O = TopicConfig.builder("o").partitions(1).durability(Durability.OS)
            .segmentBytes(4096).build();

    /**
     * The scripted workload. It is deterministic (one thread does I/O at a time, the flusher is driven by
     * the script), so step k is the same operation in every run. It stops at the first failure: after
     * the power cut every operation fails.
     */
    static final class Workload {
        final Storage storage;
        final TestClock clock = new TestClock(1_700_000_000_000L);
        final Ledger ledger = new Ledger(99);
        final Set<String> created = new LinkedHashSet<>();
        final Map<String, long[]> committed = new HashMap<>();
        final Map<String, long[]> inFlight = new HashMap<>();
        LocalLog log;

        Workload(Storage storage) {
            this.storage = storage;
            ledger.policy("a", Durability.ALWAYS);
            ledger.policy("i", Durability.INTERVAL);
            ledger.policy("o", Durability.OS);
        }

        void run(int iterations) throws Exception {
            Random r = new Random(7);
            log = LocalLog.open(ROOT, config(storage, clock));
            create(topicA(12_000));
            create(TOPIC_I);
            for (int it = 0; it < iterations; it++) {
                clock.advance(1000);
                append("a", it % 2, r);
                appendKeyed("i", r);
                if (it % 3 == 1) {
                    List<LogRecord> batch = new ArrayList<>();
                    for (int j = 0; j < 3; j++) {
                        batch.add(record("a", key(r), r));
                    }
                    List<AppendResult> res = log.appendBatch("a", batch);
                    for (int j = 0; j < batch.size(); j++) {
                        ledger.ack(res.get(j), batch.get(j));
                    }
                }
                if (it % 4 == 2) {
                    asyncBurst(r);
                }
                if (it % 5 == 4) {
                    flusherTick();
                }
                if (it % 7 == 6) {
                    commitCursor("a");
                    commitCursor("i");
                }
                if (it % 9 == 8) {
                    retention();
                }
                if (it == iterations / 3) {
                    create(TOPIC_O);
                }
                if (created.contains("o")) {
                    appendKeyed("o", r);
                }
                if (it == iterations / 2) {
                    log.updateTopic(topicA(8_000));
                }
                if (it == 2 * iterations / 3) {
                    log.flush();
                    for (String t : created) {
                        for (int p = 0; p < log.topicConfig(t).partitions(); p++) {
                            ledger.durable(t, p);
                        }
                    }
                }
            }
        }

        private void create(TopicConfig c) {
            log.createTopic(c);
            created.add(c.name());
        }

        private static byte[] key(Random r) {
            return ("dev-" + r.nextInt(6)).getBytes(StandardCharsets.UTF_8);
        }

        private LogRecord record(String topic, byte[] key, Random r) {
            return ledger.next(topic, key, 8 + r.nextInt(r.nextInt(8) == 0 ? 1500 : 400), clock.millis());
        }

        private void append(String topic, int p, Random r) {
            LogRecord rec = record(topic, key(r), r);
            ledger.ack(log.append(topic, p, rec), rec);
        }

        private void appendKeyed(String topic, Random r) {
            LogRecord rec = record(topic, key(r), r);
            ledger.ack(log.append(topic, rec), rec);
        }

        /** Asynchronous appends; a blocking append per partition then writes them (the linger is long). */
        private void asyncBurst(Random r) throws Exception {
            List<CompletableFuture<AppendResult>> fs = new ArrayList<>();
            List<LogRecord> recs = new ArrayList<>();
            for (int j = 0; j < 4; j++) {
                LogRecord rec = record("a", key(r), r);
                recs.add(rec);
                fs.add(log.appendAsync("a", rec));
            }
            append("a", 0, r);
            append("a", 1, r);
            for (int j = 0; j < fs.size(); j++) {
                ledger.ack(fs.get(j).get(10, TimeUnit.SECONDS), recs.get(j));
            }
        }

        /** What the interval flusher does, at a scripted moment; its fsync returned if the disk still lives. */
        private void flusherTick() {
            for (Partition p : log.partitionsForTest()) {
                if (p.config().durability() == Durability.INTERVAL) {
                    p.syncInBackground();
                    if (!crashed()) {
                        ledger.durable(p.topic, p.id);
                    }
                }
            }
            if (crashed()) {
                throw new LogException("power lost during the flusher's fsync");
            }
        }

        private void commitCursor(String topic) {
            int n = log.topicConfig(topic).partitions();
            long[] target = new long[n];
            for (int p = 0; p < n; p++) {
                // What an uplink commits: everything it could read, i.e. everything acknowledged.
                target[p] = ledger.ackedEnd(topic, p);
            }
            inFlight.put(topic, target);
            Map<Integer, Long> m = new HashMap<>();
            for (int p = 0; p < n; p++) {
                m.put(p, target[p]);
            }
            log.cursor("up", topic).commit(m);
            committed.put(topic, target);
            inFlight.remove(topic);
        }

        private void retention() {
            for (Partition p : log.partitionsForTest()) {
                ledger.retentionMayDeleteBelow(p.topic, p.id, p.active().baseOffset());
            }
            log.enforceRetention();
        }

        boolean crashed() {
            return storage instanceof SimDisk d && d.crashed();
        }

        /** Closes the log of a dead machine: only its thread and lock matter now. */
        void abandon() {
            if (log != null) {
                try {
                    log.close();
                } catch (RuntimeException expected) {
                    // Flushing at close fails: the disk is gone.
                }
            }
        }
    }

    static final int ITERATIONS = 48;
    static final java.util.concurrent.atomic.AtomicLong RUNS_WITH_CUTS = new java.util.concurrent.atomic.AtomicLong();
    static final java.util.concurrent.atomic.AtomicLong RUNS_WITH_LOSS = new java.util.concurrent.atomic.AtomicLong();

    @Test
    void survivesPowerLossAtEveryIoStep() throws Exception {
        SimDisk dry = new SimDisk().mkdirsDurable(ROOT);
        dry.recordTrace();
        Workload w = new Workload(dry);
        w.run(ITERATIONS);
        // Every step of these is a crash point below: segment rolls (fsync, index files written atomically,
        // the new segment, the directory fsync), retention deletes, cursor and topic.conf checkpoints.
        List<String> trace = dry.trace();
        for (String step : List.of(".index.tmp -> 00", ".timeindex.tmp -> 00", "delete /sim/log/topics/a/0/0",
                "a.cursor.tmp -> a.cursor", "i.cursor.tmp -> i.cursor", "topic.conf.tmp -> topic.conf",
                "fsync dir /sim/log/topics/a/1", "create /sim/log/topics/i/1/0")) {
            assertTrue(trace.stream().anyMatch(t -> t.contains(step)), "the workload never does '" + step + "'");
        }
        for (String t : List.of("a", "i")) {
            for (int p = 0; p < 2; p++) {
                assertTrue(w.log.partitionInfo(t, p).segmentCount() >= 2, t + "-" + p + " never rolled");
            }
        }
        assertTrue(w.log.stats().droppedRecords().get("a") > 0, "retention never deleted a segment");
        w.log.close();
        long steps = dry.steps();
        int damages = STRESS ? 8 : 2;
        assertTrue(steps > 300, "workload too small: " + steps + " steps");
        long t0 = System.nanoTime();
        int runs = 0;
        for (long k = 1; k <= steps; k++) {
            for (int d = 0; d < damages; d++) {
                long seed = BASE_SEED * 31 + k * 1009 + d;
                SimDisk.Damage damage = SimDisk.Damage.values()[(int) ((k * damages + d) % 4)];
                crashAndCheck(k, seed, damage);
                runs++;
            }
        }
        System.out.printf("PowerLossTest: %d steps, %d crash runs in %d ms (base seed %d); recovery cut a torn tail in"
                + " %d runs, unsynced acknowledged records were lost in %d%n", steps, runs,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), BASE_SEED, RUNS_WITH_CUTS.get(),
                RUNS_WITH_LOSS.get());
        assertTrue(RUNS_WITH_CUTS.get() > runs / 20, "the damage rarely hit a batch: the test would prove little");
        assertTrue(RUNS_WITH_LOSS.get() > runs / 20, "unsynced data was rarely lost: the test would prove little");
    }

    static void crashAndCheck(long k, long seed, SimDisk.Damage damage) throws Exception {
        SimDisk disk = new SimDisk().mkdirsDurable(ROOT);
        disk.crashAtStep(k, seed, damage);
        Workload w = new Workload(disk);
        try {
            w.run(ITERATIONS);
        } catch (Exception | AssertionError e) {
            if (!disk.crashed()) {
                throw new AssertionError("failure before the power cut at step " + k + " (seed " + seed + ")", e);
            }
        } finally {
            w.abandon();
        }
        if (!disk.crashed()) {
            disk.crashNow(seed, damage);
        }
        String why = disk.crashNote() + "; replay with -Dedge.seed=" + BASE_SEED;
        try {
            verifyReopened(disk.afterCrash(), w, why);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(why + ": " + e.getMessage(), e);
        }
    }

    static void verifyReopened(SimDisk after, Workload w, String why) throws Exception {
        TestClock clock = new TestClock(w.clock.millis() + 1000);
        Ledger ledger = w.ledger;
        try (LocalLog log = LocalLog.open(ROOT, config(after, clock))) {
            for (String t : w.created) {
                assertTrue(log.topics().containsKey(t), "topic " + t + " was created but is gone");
            }
            if (log.stats().recoveredCuts() > 0) {
                RUNS_WITH_CUTS.incrementAndGet();
            }
            boolean lost = false;
            for (String t : log.topics().keySet()) {
                for (int p = 0; p < log.topicConfig(t).partitions(); p++) {
                    ledger.check(log, t, p, "after the crash");
                    lost |= ledger.ackedEnd(t, p) > log.partitionInfo(t, p).endOffset();
                    ledger.forgetBeyond(t, p, log.partitionInfo(t, p).endOffset());
                }
            }
            if (lost) {
                RUNS_WITH_LOSS.incrementAndGet();
            }
            Ledger.assertNoTmp(after, ROOT);
            Ledger.assertLayout(after, ROOT, log);
            for (Map.Entry<String, long[]> e : w.committed.entrySet()) {
                if (!log.topics().containsKey(e.getKey())) {
                    continue;
                }
                Cursor c = log.cursor("up", e.getKey());
                long[] in = w.inFlight.get(e.getKey());
                for (int p = 0; p < e.getValue().length; p++) {
                    long pos = c.position(p);
                    long end = log.partitionInfo(e.getKey(), p).endOffset();
                    boolean ok = pos == e.getValue()[p] || (in != null && pos == in[p])
                            || (pos == end && (e.getValue()[p] > end || (in != null && in[p] > end)));
                    assertTrue(ok, "cursor up on " + e.getKey() + "-" + p + " at " + pos + ", committed "
                            + e.getValue()[p] + (in == null ? "" : " or " + in[p]));
                }
            }
            for (String t : log.topics().keySet()) {
                for (int p = 0; p < log.topicConfig(t).partitions(); p++) {
                    LogRecord rec = ledger.next(t, null, 50, clock.millis());
                    ledger.ack(log.append(t, p, rec), rec);
                }
            }
        }
        try (LocalLog log = LocalLog.open(ROOT, config(after, clock))) {
            for (String t : log.topics().keySet()) {
                for (int p = 0; p < log.topicConfig(t).partitions(); p++) {
                    ledger.check(log, t, p, "after the crash, an append and a clean reopen");
                    assertEquals(ledger.ackedEnd(t, p), log.partitionInfo(t, p).endOffset(), t + "-" + p);
                }
            }
        }
    }
}
