package io.edgegateway.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random sequences of appends (single, batch, asynchronous), reads from random offsets, segment rolls,
 * retention (by bytes on an {@code always} topic, by age on an {@code os} topic, with the clock moving)
 * and clean reopens, checked after every step against a model: a list of records per partition and the
 * first offset still kept. Retention may only drop a prefix, only of sealed segments, only what its rule
 * allows, and counts what it dropped.
 */
class LogModelPropertiesTest {
    static final Path ROOT = Path.of("/sim/props");
    static final TopicConfig A = TopicConfig.builder("a").partitions(2).durability(Durability.ALWAYS)
            .segmentBytes(4096).retentionBytes(10_000).build();
    static final TopicConfig B = TopicConfig.builder("b").partitions(1).durability(Durability.OS)
            .segmentBytes(4096).retentionMs(30_000).build();
    static final List<TopicConfig> TOPICS = List.of(A, B);

    sealed interface Action permits Append, Batch, Async, Read, Roll, Retention, Reopen {
    }

    record Append(int topic, int partition, int size, boolean nullKey) implements Action {
    }

    record Batch(int topic, List<Integer> sizes) implements Action {
    }

    record Async(int topic, List<Integer> sizes) implements Action {
    }

    record Read(int topic, int partition, int from) implements Action {
    }

    record Roll(int topic, int partition) implements Action {
    }

    record Retention(int advanceSeconds) implements Action {
    }

    record Reopen() implements Action {
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Integer> topic = Arbitraries.integers().between(0, 1);
        Arbitrary<Integer> partition = Arbitraries.integers().between(0, 1);
        Arbitrary<Integer> size = Arbitraries.integers().between(0, 1200).edgeCases(c -> c.includeOnly(0, 1200));
        Arbitrary<List<Integer>> sizes = size.list().ofMinSize(1).ofMaxSize(12);
        Arbitrary<Action> append = Combinators.combine(topic, partition, size, Arbitraries.of(true, false))
                .as(Append::new);
        Arbitrary<Action> batch = Combinators.combine(topic, sizes).as(Batch::new);
        Arbitrary<Action> async = Combinators.combine(topic, sizes).as(Async::new);
        Arbitrary<Action> read = Combinators.combine(topic, partition, Arbitraries.integers().between(0, 400))
                .as(Read::new);
        Arbitrary<Action> roll = Combinators.combine(topic, partition).as(Roll::new);
        Arbitrary<Action> retention = Arbitraries.integers().between(0, 40).map(Retention::new);
        Arbitrary<Action> reopen = Arbitraries.just(new Reopen());
        return Arbitraries.frequencyOf(Tuple.of(12, append), Tuple.of(4, batch), Tuple.of(4, async),
                Tuple.of(4, read), Tuple.of(2, roll), Tuple.of(2, retention), Tuple.of(1, reopen))
                .list().ofMinSize(1).ofMaxSize(80);
    }

    /** The model: per partition, the records from offset 0 (dropped ones stay as null) and the first kept. */
    static final class Model {
        final Map<String, List<LogRecord>> records = new HashMap<>();
        final Map<String, Long> start = new HashMap<>();

        List<LogRecord> of(String topic, int p) {
            return records.computeIfAbsent(topic + "-" + p, k -> new ArrayList<>());
        }

        long start(String topic, int p) {
            return start.getOrDefault(topic + "-" + p, 0L);
        }
    }

    @Property
    void theLogBehavesLikeTheModel(@ForAll("actions") List<Action> actions) throws Exception {
        SimDisk disk = new SimDisk().mkdirsDurable(ROOT);
        TestClock clock = new TestClock(1_700_000_000_000L);
        LogConfig cfg = LogConfig.builder().storage(disk).clock(clock).writeBufferBytes(4096).indexIntervalBytes(256)
                .retentionCheckIntervalMs(3_600_000).asyncLingerMicros(0).build();
        Ledger ledger = new Ledger(17);
        Model model = new Model();
        Map<String, Long> droppedSinceOpen = new HashMap<>();
        LocalLog log = LocalLog.open(ROOT, cfg);
        try {
            for (TopicConfig t : TOPICS) {
                log.createTopic(t);
                ledger.policy(t.name(), t.durability());
            }
            for (Action a : actions) {
                clock.advance(100);
                String t = a instanceof Append x ? TOPICS.get(x.topic()).name()
                        : a instanceof Batch x ? TOPICS.get(x.topic()).name()
                        : a instanceof Async x ? TOPICS.get(x.topic()).name()
                        : a instanceof Read x ? TOPICS.get(x.topic()).name()
                        : a instanceof Roll x ? TOPICS.get(x.topic()).name() : null;
                if (a instanceof Append x) {
                    int p = x.partition() % log.topicConfig(t).partitions();
                    LogRecord r = record(ledger, t, x.nullKey() ? null : "k" + x.size(), x.size(), clock);
                    AppendResult res = log.append(t, p, r);
                    assertEquals(model.of(t, p).size(), res.offset(), a.toString());
                    model.of(t, p).add(r);
                } else if (a instanceof Batch x) {
                    List<LogRecord> rs = new ArrayList<>();
                    for (int s : x.sizes()) {
                        rs.add(record(ledger, t, "k" + s % 5, s, clock));
                    }
                    List<AppendResult> res = log.appendBatch(t, rs);
                    for (int i = 0; i < rs.size(); i++) {
                        int p = res.get(i).partition();
                        assertEquals(KeyPartitioner.partition(rs.get(i).key(), log.topicConfig(t).partitions()), p);
                        assertEquals(model.of(t, p).size(), res.get(i).offset(), a.toString());
                        model.of(t, p).add(rs.get(i));
                    }
                } else if (a instanceof Async x) {
                    List<LogRecord> rs = new ArrayList<>();
                    List<CompletableFuture<AppendResult>> fs = new ArrayList<>();
                    for (int s : x.sizes()) {
                        LogRecord r = record(ledger, t, "k" + s % 5, s, clock);
                        rs.add(r);
                        fs.add(log.appendAsync(t, r));
                    }
                    for (int i = 0; i < rs.size(); i++) {
                        AppendResult res = fs.get(i).get(10, TimeUnit.SECONDS);
                        assertEquals(model.of(t, res.partition()).size(), res.offset(), a.toString());
                        model.of(t, res.partition()).add(rs.get(i));
                    }
                } else if (a instanceof Read x) {
                    int p = x.partition() % log.topicConfig(t).partitions();
                    List<LogRecord> m = model.of(t, p);
                    long from = model.start(t, p) + x.from() % (m.size() - model.start(t, p) + 1);
                    try (LogReader reader = log.reader(t, p, from)) {
                        long expect = from;
                        List<StoredRecord> got;
                        while (!(got = reader.poll(1 + x.from() % 50, Duration.ZERO)).isEmpty()) {
                            for (StoredRecord s : got) {
                                assertEquals(expect, s.offset(), a.toString());
                                assertEquals(m.get((int) expect), s.toLogRecord(), a + " at " + expect);
                                expect++;
                            }
                        }
                        assertEquals(m.size(), expect, a + ": read ends early");
                    }
                } else if (a instanceof Roll x) {
                    int p = x.partition() % log.topicConfig(t).partitions();
                    partition(log, t, p).forceRoll();
                } else if (a instanceof Retention x) {
                    clock.advance(x.advanceSeconds() * 1000L);
                    Map<String, Long> activeBase = new HashMap<>();
                    for (Partition p : log.partitionsForTest()) {
                        activeBase.put(p.topic + "-" + p.id, p.active().baseOffset());
                    }
                    log.enforceRetention();
                    for (TopicConfig tc : TOPICS) {
                        for (int p = 0; p < tc.partitions(); p++) {
                            String k = tc.name() + "-" + p;
                            long before = model.start(tc.name(), p);
                            long after = log.partitionInfo(tc.name(), p).startOffset();
                            assertTrue(after >= before, k + ": start went back");
                            assertTrue(after <= activeBase.get(k), k + ": retention deleted the active segment");
                            Partition part = partition(log, tc.name(), p);
                            for (long o = before; o < after; o++) {
                                LogRecord dropped = model.of(tc.name(), p).get((int) o);
                                if (tc.retentionMs() > 0 && tc.retentionBytes() < 0) {
                                    assertTrue(dropped.timestamp() < clock.millis() - tc.retentionMs(),
                                            k + "@" + o + " dropped although younger than retentionMs");
                                }
                            }
                            if (after > before && tc.retentionBytes() > 0 && tc.retentionMs() > clock.millis()) {
                                assertTrue(part.sizeBytes() >= tc.retentionBytes(), k + " below retentionBytes");
                            }
                            droppedSinceOpen.merge(tc.name(), after - before, Long::sum);
                            model.start.put(k, after);
                        }
                        assertEquals(droppedSinceOpen.getOrDefault(tc.name(), 0L),
                                log.stats().droppedRecords().getOrDefault(tc.name(), 0L), tc.name() + " dropped count");
                    }
                } else if (a instanceof Reopen) {
                    log.close();
                    log = LocalLog.open(ROOT, cfg);
                    droppedSinceOpen.clear();
                    assertEquals(0, log.stats().recoveredCuts(), "a clean reopen cut something");
                }
                checkEnds(log, model, a);
            }
            for (TopicConfig tc : TOPICS) {
                for (int p = 0; p < tc.partitions(); p++) {
                    List<StoredRecord> all = Ledger.readAll(log, tc.name(), p);
                    List<LogRecord> m = model.of(tc.name(), p);
                    long s = model.start(tc.name(), p);
                    assertEquals(m.size() - s, all.size(), tc.name() + "-" + p);
                    for (StoredRecord r : all) {
                        assertEquals(m.get((int) r.offset()), r.toLogRecord(), tc.name() + "-" + p + "@" + r.offset());
                    }
                }
            }
        } finally {
            log.close();
        }
    }

    private static void checkEnds(LocalLog log, Model model, Action after) {
        for (TopicConfig tc : TOPICS) {
            for (int p = 0; p < tc.partitions(); p++) {
                PartitionInfo info = log.partitionInfo(tc.name(), p);
                assertEquals(model.start(tc.name(), p), info.startOffset(), tc.name() + "-" + p + " start after " + after);
                assertEquals(model.of(tc.name(), p).size(), info.endOffset(), tc.name() + "-" + p + " end after " + after);
            }
        }
    }

    private static LogRecord record(Ledger ledger, String topic, String key, int size, TestClock clock) {
        return ledger.next(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), size, clock.millis());
    }

    private static Partition partition(LocalLog log, String topic, int p) {
        return log.partitionsForTest().stream().filter(x -> x.topic.equals(topic) && x.id == p).findFirst().orElseThrow();
    }
}
