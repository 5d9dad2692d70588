package io.edgegateway.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention and the disk budget on real files: per-topic age (fake clock) and byte limits, the global
 * budget deleting the oldest segments of the lowest-priority topic first with every dropped record counted
 * per topic, the budget counting every file the log keeps, and cursors protecting unread data up to
 * {@code maxProtectedBytes} (the budget still wins).
 */
class RetentionTest {
    @TempDir
    Path dir;
    final TestClock clock = new TestClock(1_700_000_000_000L);

    LogConfig.Builder config() {
        return LogConfig.builder().clock(clock).retentionCheckIntervalMs(3_600_000).indexIntervalBytes(256);
    }

    static Partition partition(LocalLog log, String topic, int p) {
        return log.partitionsForTest().stream().filter(x -> x.topic.equals(topic) && x.id == p).findFirst().orElseThrow();
    }

    /**
     * Bytes of every file under the log directory (folders are filesystem metadata, not counted). A file may
     * vanish while it is listed: a temporary index file of a background seal, renamed meanwhile (its bytes
     * count under the new name) or a segment retention deleted.
     */
    static long onDisk(Path root) throws IOException {
        long total = 0;
        List<Path> entries;
        try (Stream<Path> s = Files.list(root)) {
            entries = s.toList();
        }
        for (Path p : entries) {
            try {
                if (Files.isDirectory(p)) {
                    total += onDisk(p);
                } else {
                    total += Files.size(p);
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // Gone meanwhile.
            }
        }
        return total;
    }

    static LogRecord rec(Ledger ledger, String topic, int size, long ts) {
        return ledger.next(topic, null, size, ts);
    }

    @Test
    void ageRetentionDeletesOnlySealedSegmentsWhoseNewestRecordIsTooOld() {
        Ledger ledger = new Ledger(1);
        ledger.policy("t", Durability.INTERVAL);
        try (LocalLog log = LocalLog.open(dir, config().build())) {
            log.createTopic(TopicConfig.builder("t").segmentBytes(4096).retentionMs(60_000).segmentMs(600_000).build());
            for (int i = 0; i < 200; i++) {
                clock.advance(1000);
                LogRecord r = rec(ledger, "t", 100, clock.millis());
                ledger.ack(log.append("t", 0, r), r);
            }
            Partition p = partition(log, "t", 0);
            int segmentsBefore = p.segments().size();
            // ~30 KB in segments of 4-6 KiB (one may grow past segmentBytes while the one before seals).
            assertTrue(segmentsBefore > 3, "segments: " + segmentsBefore);
            long now = clock.millis();
            log.enforceRetention();
            long start = log.partitionInfo("t", 0).startOffset();
            assertTrue(start > 0, "nothing deleted");
            // Every record newer than the limit is still there; every deleted segment was entirely older.
            List<StoredRecord> kept = ledger.checkIntact(log, "t", 0, "after age retention");
            for (StoredRecord s : kept) {
                if (s.offset() == start) {
                    assertTrue(p.segments().get(0).maxTimestamp() >= now - 60_000, "a segment too old was kept");
                }
            }
            assertTrue(start <= 200 - 60, "records younger than retentionMs were deleted: start " + start);
            assertEquals(start, (long) log.stats().droppedRecords().get("t"), "dropped records not counted");
            // Far in the future: every sealed segment goes, the active one (not yet due to roll) stays.
            clock.advance(300_000);
            log.enforceRetention();
            assertEquals(1, p.segments().size());
            long activeBase = p.active().baseOffset();
            assertEquals(activeBase, log.partitionInfo("t", 0).startOffset());
            assertEquals(activeBase, (long) log.stats().droppedRecords().get("t"));
            // Past segmentMs the active segment rolls and then goes too; the offsets go on.
            clock.advance(600_000);
            log.enforceRetention();
            PartitionInfo info = log.partitionInfo("t", 0);
            assertEquals(200, info.startOffset());
            assertEquals(200, info.endOffset());
            assertEquals(200L, log.stats().droppedRecords().get("t"));
            assertEquals(200, log.append("t", 0, new LogRecord(null, new byte[10], -1)).offset());
            try (LogReader reader = log.reader("t", 0, 200)) {
                assertEquals(clock.millis(), reader.poll(1, java.time.Duration.ZERO).get(0).timestamp(),
                        "timestamp -1 means the log's clock");
            }
        }
    }

    @Test
    void byteRetentionKeepsAtLeastRetentionBytesAndNoMoreThanOneSegmentBeyond() {
        Ledger ledger = new Ledger(2);
        ledger.policy("t", Durability.OS);
        try (LocalLog log = LocalLog.open(dir, config().build())) {
            log.createTopic(TopicConfig.builder("t").partitions(2).segmentBytes(4096).retentionBytes(10_000)
                    .durability(Durability.OS).build());
            for (int i = 0; i < 400; i++) {
                LogRecord r = rec(ledger, "t", 150, clock.millis());
                ledger.ack(log.append("t", i % 2, r), r);
            }
            log.enforceRetention();
            long dropped = 0;
            for (int pi = 0; pi < 2; pi++) {
                Partition p = partition(log, "t", pi);
                long size = p.sizeBytes();
                assertTrue(size >= 10_000, "below retentionBytes: " + size);
                assertTrue(size - p.segments().get(0).size() < 10_000, "kept a segment too many: " + size);
                ledger.checkIntact(log, "t", pi, "after byte retention");
                dropped += log.partitionInfo("t", pi).startOffset();
            }
            assertTrue(dropped > 0);
            assertEquals(dropped, (long) log.stats().droppedRecords().get("t"));
        }
    }

    /**
     * The budget goes after the lowest-priority topic first, oldest segment first; the other topic loses
     * nothing while the low one has a sealed segment left; the directory never grows past the budget, whatever
     * the log writes (segments, indexes, cursor files, topic settings); every dropped record is counted.
     */
    @Test
    void budgetDeletesOldestSegmentsOfTheLowestPriorityTopicFirstAndIsNeverExceeded() throws IOException {
        long budget = 256 * 1024;
        Ledger ledger = new Ledger(3);
        ledger.policy("low", Durability.OS);
        ledger.policy("high", Durability.OS);
        try (LocalLog log = LocalLog.open(dir, config().diskBudgetBytes(budget).indexIntervalBytes(128).build())) {
            log.createTopic(TopicConfig.builder("low").partitions(2).segmentBytes(4096).priority(0)
                    .durability(Durability.OS).build());
            log.createTopic(TopicConfig.builder("high").segmentBytes(4096).priority(5).durability(Durability.OS).build());
            Cursor cursor = log.cursor("up", "high");
            boolean lowDeleted = false;
            for (int i = 0; i < 3000; i++) {
                String t = i % 3 == 2 ? "high" : "low";
                int p = t.equals("low") ? i % 2 : 0;
                long[] lowActiveBase = {partition(log, "low", 0).active().baseOffset(),
                        partition(log, "low", 1).active().baseOffset()};
                long highDroppedBefore = log.stats().droppedRecords().getOrDefault("high", 0L);
                LogRecord r = rec(ledger, t, 100 + i % 200, clock.millis());
                ledger.ack(log.append(t, p, r), r);
                if (i % 50 == 0) {
                    cursor.commit(0, log.partitionInfo("high", 0).endOffset() / 2);
                }
                long used = onDisk(dir);
                if (used > budget) {
                    fail("after append " + i + " the log uses " + used + " bytes, budget " + budget + "; it counts "
                            + log.stats().diskBytes());
                }
                long lowDropped = log.stats().droppedRecords().getOrDefault("low", 0L);
                long highDropped = log.stats().droppedRecords().getOrDefault("high", 0L);
                lowDeleted |= lowDropped > 0;
                if (highDropped > highDroppedBefore) {
                    // The high topic lost something: then every segment the low one had sealed went first.
                    for (int lp = 0; lp < 2; lp++) {
                        assertTrue(log.partitionInfo("low", lp).startOffset() >= lowActiveBase[lp],
                                "append " + i + " deleted high-priority data while low-" + lp + " kept sealed data");
                    }
                }
            }
            assertTrue(lowDeleted, "the budget never deleted anything");
            long dropped = 0;
            for (String t : List.of("low", "high")) {
                for (int p = 0; p < log.topicConfig(t).partitions(); p++) {
                    ledger.checkIntact(log, t, p, "under the budget");
                    long start = log.partitionInfo(t, p).startOffset();
                    dropped += start;
                }
            }
            Map<String, Long> byTopic = log.stats().droppedRecords();
            assertEquals(dropped, byTopic.getOrDefault("low", 0L) + byTopic.getOrDefault("high", 0L));
            assertEquals(log.partitionInfo("low", 0).startOffset() + log.partitionInfo("low", 1).startOffset(),
                    (long) byTopic.get("low"));
        }
    }

    /** Everything the log keeps counts: segments, indexes, topic settings, cursor files, set-aside corrupt tails. */
    @Test
    void theBudgetCountsEveryFileTheLogKeeps() throws IOException {
        Ledger ledger = new Ledger(4);
        try (LocalLog log = LocalLog.open(dir, config().build())) {
            log.createTopic(TopicConfig.builder("t").segmentBytes(4096).build());
            for (int i = 0; i < 100; i++) {
                log.append("t", 0, rec(ledger, "t", 120, clock.millis()));
            }
            log.cursor("up", "t").commit(0, 50);
        }
        Path active;
        try (Stream<Path> s = Files.list(dir.resolve("topics/t/0"))) {
            active = s.filter(p -> p.toString().endsWith(".log")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        try (FileChannel ch = FileChannel.open(active, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("not a batch, but kept aside for inspection".getBytes()), ch.size());
        }
        try (LocalLog log = LocalLog.open(dir, config().diskBudgetBytes(1 << 20).build())) {
            try (Stream<Path> s = Files.list(dir.resolve("topics/t/0"))) {
                assertTrue(s.anyMatch(p -> p.toString().endsWith(".corrupt")), "no .corrupt file");
            }
            assertEquals(onDisk(dir), log.stats().diskBytes(), "at open");
            for (int i = 0; i < 100; i++) {
                log.append("t", 0, rec(ledger, "t", 120, clock.millis()));
            }
            log.cursor("up", "t").commit(0, 150);
            log.cursor("other", "t").commit(0, 10);
            log.createTopic(TopicConfig.builder("u").partitions(3).build());
            log.enforceRetention();
            log.flush();
            assertEquals(onDisk(dir), log.stats().diskBytes(), "after appends, rolls, cursors and a new topic");
        }
    }

    /**
     * Under budget pressure the set-aside corrupt tails go first, oldest first, before any record; each
     * deletion is counted.
     */
    @Test
    void theBudgetDeletesCorruptTailsOldestFirstBeforeAnyRecord() throws IOException {
        Ledger ledger = new Ledger(6);
        try (LocalLog log = LocalLog.open(dir, config().build())) {
            log.createTopic(TopicConfig.builder("t").partitions(2).segmentBytes(4096).build());
            for (int i = 0; i < 600; i++) {
                log.append("t", i % 2, rec(ledger, "t", 120, clock.millis()));
            }
        }
        for (int p = 0; p < 2; p++) {
            Path active;
            try (Stream<Path> s = Files.list(dir.resolve("topics/t/" + p))) {
                active = s.filter(x -> x.toString().endsWith(".log")).sorted().reduce((a, b) -> b).orElseThrow();
            }
            // Larger than what one append may reserve (a batch plus a roll's 4096 bytes for index files),
            // so the first tail deleted makes room for any append: the second has to wait for a later one.
            // (Where rolls fall varies: a segment may grow past segmentBytes while the one before seals.)
            try (FileChannel ch = FileChannel.open(active, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[8000]).put(0, (byte) 1), ch.size());
            }
        }
        LocalLog.open(dir, config().build()).close();
        Path older = corruptFile(1);
        Path newer = corruptFile(0);
        // Partition 1's tail is the older one, although it sorts after partition 0's by name.
        Files.setLastModifiedTime(older, java.nio.file.attribute.FileTime.fromMillis(1_600_000_000_000L));
        Files.setLastModifiedTime(newer, java.nio.file.attribute.FileTime.fromMillis(1_650_000_000_000L));
        long budget = onDisk(dir) + 1024;
        try (LocalLog log = LocalLog.open(dir, config().diskBudgetBytes(budget).build())) {
            assertEquals(0, log.stats().corruptFilesDeleted());
            boolean sawOnlyOlderGone = false;
            for (int i = 0; i < 400; i++) {
                log.append("t", i % 2, rec(ledger, "t", 120, clock.millis()));
                long dropped = log.stats().droppedRecords().getOrDefault("t", 0L);
                boolean olderGone = !Files.exists(older);
                boolean newerGone = !Files.exists(newer);
                assertTrue(olderGone || !newerGone, "append " + i + ": the newer corrupt tail went first");
                assertTrue(dropped == 0 || (olderGone && newerGone),
                        "append " + i + ": records deleted while a corrupt tail was kept");
                assertEquals((olderGone ? 1 : 0) + (newerGone ? 1 : 0), log.stats().corruptFilesDeleted());
                sawOnlyOlderGone |= olderGone && !newerGone;
                assertTrue(onDisk(dir) <= budget, "append " + i + ": over the budget");
            }
            assertTrue(sawOnlyOlderGone, "both tails went at once: nothing shows the order");
            assertEquals(2, log.stats().corruptFilesDeleted());
            assertTrue(log.stats().droppedRecords().getOrDefault("t", 0L) > 0, "the budget never reached records");
            // A segment may still be sealing in the background, its index files counted but not yet there.
            log.flush();
            assertEquals(onDisk(dir), log.stats().diskBytes());
        }
    }

    private Path corruptFile(int partition) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("topics/t/" + partition))) {
            List<Path> l = s.filter(x -> x.toString().endsWith(".corrupt")).toList();
            assertEquals(1, l.size(), l.toString());
            return l.get(0);
        }
    }

    /**
     * A cursor keeps unread data from byte retention while the unread bytes fit in maxProtectedBytes; past
     * that, retention deletes unread records; once read they go; the budget ignores protection.
     */
    @Test
    void cursorsProtectUnreadDataUpToMaxProtectedBytes() {
        Ledger ledger = new Ledger(5);
        TopicConfig t = TopicConfig.builder("t").segmentBytes(4096).retentionBytes(8_000).maxProtectedBytes(30_000)
                .durability(Durability.OS).build();
        try (LocalLog log = LocalLog.open(dir, config().build())) {
            log.createTopic(t);
            Cursor c = log.cursor("up", "t");
            assertEquals(0, c.position(0));
            Partition p = partition(log, "t", 0);
            while (p.sizeBytes() < 25_000) {
                log.append("t", 0, rec(ledger, "t", 200, clock.millis()));
            }
            log.enforceRetention();
            assertEquals(0, log.partitionInfo("t", 0).startOffset(), "unread data within maxProtectedBytes deleted");
            // Reading half of it releases the read part down to retentionBytes; the unread part stays.
            long half = log.partitionInfo("t", 0).endOffset() / 2;
            c.commit(0, half);
            log.enforceRetention();
            long start = log.partitionInfo("t", 0).startOffset();
            assertTrue(start > 0 && start <= half, "start " + start + ", cursor " + half);
            // Unread data beyond maxProtectedBytes is no longer protected.
            while (p.sizeBytes() < 45_000) {
                log.append("t", 0, rec(ledger, "t", 200, clock.millis()));
            }
            log.enforceRetention();
            assertTrue(log.partitionInfo("t", 0).startOffset() > half, "protection went past maxProtectedBytes");
            // It deletes unread data only until what is unread fits in maxProtectedBytes again.
            long unread = p.segments().stream().filter(x -> x.endOffset() > half).mapToLong(Segment::size).sum();
            assertTrue(unread <= 30_000, "unread bytes kept: " + unread);
            assertTrue(unread + p.segments().get(0).size() > 30_000, "deleted more unread data than needed");
            ledger.checkIntact(log, "t", 0, "after protected retention");
        }
        // The budget wins over protection.
        Path other = dir.resolve("budget");
        try (LocalLog log = LocalLog.open(other, config().diskBudgetBytes(96 * 1024).build())) {
            log.createTopic(t.toBuilder().retentionBytes(-1).maxProtectedBytes(1 << 30).build());
            log.cursor("up", "t");
            for (int i = 0; i < 1500; i++) {
                log.append("t", 0, rec(ledger, "t", 200, clock.millis()));
            }
            assertTrue(log.partitionInfo("t", 0).startOffset() > 0, "the budget did not override protection");
            assertTrue(log.stats().droppedRecords().get("t") > 0);
        }
    }
}
