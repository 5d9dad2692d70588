package io.edgegateway.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * What a test appended and what the log acknowledged, to judge a log after a crash or a fault: every
 * record carries a unique sequence number in its first 8 value bytes, so any record read back can be
 * matched with the one appended, and nothing invented or altered goes unnoticed.
 *
 * <p>A record is <em>must-survive</em> if it was acknowledged on an {@code always} topic, or acknowledged
 * before an fsync of its partition that completed (the interval flusher, {@code flush()}).
 */
final class Ledger {
    private final Map<Long, LogRecord> attempts = new HashMap<>();
    private final Map<Long, String> attemptTopic = new HashMap<>();
    private final Map<String, TreeMap<Long, Long>> acked = new HashMap<>();
    private final Map<String, Long> durableBelow = new HashMap<>();
    private final Map<String, Long> retentionFloor = new HashMap<>();
    private final Map<String, Durability> policies = new HashMap<>();
    private final Random random;
    private long nextSeq = 1;

    Ledger(long seed) {
        this.random = new Random(seed);
    }

    static String tp(String topic, int p) {
        return topic + "-" + p;
    }

    static long seqOf(byte[] value) {
        return ByteBuffer.wrap(value, 0, 8).getLong();
    }

    void policy(String topic, Durability d) {
        policies.put(topic, d);
    }

    /** A new record with a unique sequence number and {@code size} value bytes (at least 8). */
    LogRecord next(String topic, byte[] key, int size, long timestamp) {
        long seq = nextSeq++;
        byte[] v = new byte[Math.max(8, size)];
        random.nextBytes(v);
        ByteBuffer.wrap(v).putLong(seq);
        List<Header> headers = seq % 3 == 0 ? List.of(Header.of("seq", Long.toString(seq)), new Header("n", null))
                : List.of();
        LogRecord r = new LogRecord(key, v, timestamp, headers);
        attempts.put(seq, r);
        attemptTopic.put(seq, topic);
        return r;
    }

    void ack(AppendResult res, LogRecord r) {
        TreeMap<Long, Long> m = acked.computeIfAbsent(tp(res.topic(), res.partition()), k -> new TreeMap<>());
        Long prev = m.put(res.offset(), seqOf(r.value()));
        if (prev != null && prev != seqOf(r.value())) {
            fail("offset " + res.offset() + " of " + tp(res.topic(), res.partition()) + " acknowledged twice: seq "
                    + prev + " and " + seqOf(r.value()));
        }
    }

    /** Every record acknowledged so far on this partition is durable now (an fsync of it returned). */
    void durable(String topic, int p) {
        TreeMap<Long, Long> m = acked.get(tp(topic, p));
        if (m != null && !m.isEmpty()) {
            durableBelow.merge(tp(topic, p), m.lastKey() + 1, Math::max);
        }
    }

    /** Retention may run: records below the active segment of this partition may go. */
    void retentionMayDeleteBelow(String topic, int p, long offset) {
        retentionFloor.merge(tp(topic, p), offset, Math::max);
    }

    /** After a crash: acknowledgements at or past the surviving end were lost (check() judged that); forget them. */
    void forgetBeyond(String topic, int p, long end) {
        TreeMap<Long, Long> m = acked.get(tp(topic, p));
        if (m != null) {
            m.tailMap(end, true).clear();
        }
        durableBelow.computeIfPresent(tp(topic, p), (k, v) -> Math.min(v, end));
    }

    long ackedCount(String topic, int p) {
        TreeMap<Long, Long> m = acked.get(tp(topic, p));
        return m == null ? 0 : m.size();
    }

    long ackedEnd(String topic, int p) {
        TreeMap<Long, Long> m = acked.get(tp(topic, p));
        return m == null || m.isEmpty() ? 0 : m.lastKey() + 1;
    }

    boolean mustSurvive(String topic, int p, long offset) {
        TreeMap<Long, Long> m = acked.get(tp(topic, p));
        if (m == null || !m.containsKey(offset)) {
            return false;
        }
        return policies.get(topic) == Durability.ALWAYS || offset < durableBelow.getOrDefault(tp(topic, p), 0L);
    }

    /** True if {@code s} is exactly the record acknowledged at its offset. */
    boolean matches(StoredRecord s) {
        Long seq = acked.getOrDefault(tp(s.topic(), s.partition()), new TreeMap<>()).get(s.offset());
        return seq != null && s.value() != null && s.value().length >= 8 && seqOf(s.value()) == seq
                && attempts.get(seq).equals(s.toLogRecord());
    }

    /**
     * Reads the whole partition and checks it: offsets dense from the start offset to the end offset, every
     * record exactly one that was appended to this topic, in append order, at its acknowledged offset if it
     * was acknowledged; every must-survive record present unless retention may have deleted it.
     * Returns the records read.
     */
    List<StoredRecord> check(LocalLog log, String topic, int p, String why) {
        return check(log, topic, p, why, true);
    }

    /** {@link #check} for files a test damaged on purpose: acknowledged records may be gone, nothing else. */
    List<StoredRecord> checkIntact(LocalLog log, String topic, int p, String why) {
        return check(log, topic, p, why, false);
    }

    private List<StoredRecord> check(LocalLog log, String topic, int p, String why, boolean mustSurvive) {
        String at = tp(topic, p) + " (" + why + ")";
        PartitionInfo info = log.partitionInfo(topic, p);
        List<StoredRecord> got = readAll(log, topic, p);
        long expect = info.startOffset();
        long lastSeq = -1;
        TreeMap<Long, Long> ack = acked.getOrDefault(tp(topic, p), new TreeMap<>());
        for (StoredRecord s : got) {
            // Messages are built only on failure: this loop runs for millions of records.
            if (s.offset() != expect) {
                fail(at + ": offsets not dense: expected " + expect + ", read " + s.offset());
            }
            expect++;
            if (s.value() == null || s.value().length < 8) {
                fail(at + ": record " + s + " was never appended");
            }
            long seq = seqOf(s.value());
            LogRecord sent = attempts.get(seq);
            if (sent == null) {
                fail(at + ": offset " + s.offset() + " holds seq " + seq + ", never appended");
            }
            if (!topic.equals(attemptTopic.get(seq))) {
                fail(at + ": seq " + seq + " belongs to topic " + attemptTopic.get(seq));
            }
            if (!sent.equals(s.toLogRecord())) {
                fail(at + ": offset " + s.offset() + " altered: appended " + sent + ", read " + s);
            }
            if (seq <= lastSeq) {
                fail(at + ": seq " + seq + " at offset " + s.offset() + " out of append order");
            }
            lastSeq = seq;
            Long ackedSeq = ack.get(s.offset());
            if (ackedSeq != null && ackedSeq != seq) {
                fail(at + ": offset " + s.offset() + " holds seq " + seq + ", acknowledged was " + ackedSeq);
            }
        }
        assertEquals(info.endOffset(), expect, at + ": end offset " + info.endOffset() + " but records end at " + expect);
        long floor = retentionFloor.getOrDefault(tp(topic, p), 0L);
        assertTrue(!mustSurvive || info.startOffset() <= floor, at + ": start offset " + info.startOffset()
                + " although retention could delete only below " + floor);
        for (long off : mustSurvive ? ack.keySet() : List.<Long>of()) {
            if (off >= info.startOffset() && off >= info.endOffset() && mustSurvive(topic, p, off)) {
                fail(at + ": acknowledged durable offset " + off + " lost (end " + info.endOffset() + ")");
            }
        }
        return got;
    }

    static List<StoredRecord> readAll(LocalLog log, String topic, int p) {
        List<StoredRecord> out = new ArrayList<>();
        try (LogReader r = log.reader(topic, p, 0)) {
            List<StoredRecord> got;
            while (!(got = r.poll(1000, Duration.ZERO)).isEmpty()) {
                out.addAll(got);
            }
        }
        return out;
    }

    /**
     * Checks the files a reopened log keeps: every topic with a {@code topic.conf} has all its partition
     * folders, each with a segment; no index without its segment; every cursor file names a topic that
     * exists and no offset past the partition's end.
     */
    static void assertLayout(Storage s, Path root, LocalLog log) throws IOException {
        Path topics = root.resolve(LocalLog.TOPICS);
        for (String t : s.list(topics)) {
            Path td = topics.resolve(t);
            if (!s.exists(td.resolve(LocalLog.TOPIC_CONF))) {
                continue;
            }
            TopicConfig c = log.topicConfig(t);
            for (int p = 0; p < c.partitions(); p++) {
                Path pd = td.resolve(Integer.toString(p));
                List<String> names = s.list(pd);
                assertTrue(names.stream().anyMatch(n -> n.endsWith(Segment.LOG)), pd + " has no segment: " + names);
                for (String n : names) {
                    if (n.endsWith(Segment.INDEX) || n.endsWith(Segment.TIME_INDEX)) {
                        String stem = n.substring(0, n.lastIndexOf('.'));
                        assertTrue(names.contains(stem + Segment.LOG), pd.resolve(n) + " indexes a missing segment");
                    }
                }
            }
        }
        Path cursors = root.resolve(LocalLog.CURSORS);
        for (String name : s.list(cursors)) {
            for (String f : s.list(cursors.resolve(name))) {
                if (!f.endsWith(LocalLog.CURSOR_SUFFIX)) {
                    continue;
                }
                String t = f.substring(0, f.length() - LocalLog.CURSOR_SUFFIX.length());
                assertTrue(s.exists(topics.resolve(t).resolve(LocalLog.TOPIC_CONF)),
                        cursors.resolve(name).resolve(f) + " names topic " + t + " that does not exist");
                Cursor cur = log.cursor(name, t);
                for (int p = 0; p < log.topicConfig(t).partitions(); p++) {
                    long end = log.partitionInfo(t, p).endOffset();
                    assertTrue(cur.position(p) <= end, "cursor " + name + " on " + t + "-" + p + " is at "
                            + cur.position(p) + ", past the end " + end + ": records appended now would be skipped");
                }
            }
        }
    }

    /** Fails if any {@code .tmp} file is left anywhere under {@code root}. */
    static void assertNoTmp(Storage s, Path root) throws IOException {
        for (String name : s.list(root)) {
            Path p = root.resolve(name);
            assertTrue(!name.endsWith(AtomicFiles.TMP), "temporary file survived recovery: " + p);
            if (s.isDirectory(p)) {
                assertNoTmp(s, p);
            }
        }
    }
}
