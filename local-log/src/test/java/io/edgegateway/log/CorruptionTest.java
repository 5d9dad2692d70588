package io.edgegateway.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage to real segment and index files on disk (STYLE.md, example 10: real files, random damage, seed
 * printed): torn tails at every byte of the last batches, garbage tails, bit flips in the active segment
 * (cut at recovery, kept aside in a {@code .corrupt} file, counted) and in sealed segments (never cut: the
 * reader names segment and position, {@code skipCorrupt()} continues, no wrong record is ever returned),
 * deleted and garbage index files (rebuilt, reads still right).
 */
class CorruptionTest {
    static final long SEED = Long.getLong("edge.seed", System.nanoTime());
    static final int FLIPS = PowerLossTest.STRESS ? 400 : 60;

    @TempDir
    Path tmp;
    Path pristine;
    Ledger ledger;
    /** Byte positions where each batch of the active segment of t-0 starts, and its end. */
    long[] activeBatchStarts;
    Path activeFile;
    List<Path> sealedFiles;

    static final TopicConfig T = TopicConfig.builder("t").partitions(1).durability(Durability.ALWAYS)
            .segmentBytes(8192).build();

    static LogConfig config() {
        return LogConfig.builder().indexIntervalBytes(256).writeBufferBytes(4096).build();
    }

    /** A log with several sealed segments and an active one of a few small batches, closed cleanly. */
    @BeforeEach
    void writePristineLog() throws IOException {
        pristine = tmp.resolve("pristine");
        ledger = new Ledger(SEED);
        ledger.policy("t", Durability.ALWAYS);
        Random r = new Random(SEED);
        try (LocalLog log = LocalLog.open(pristine, config())) {
            log.createTopic(T);
            Partition p = log.partitionsForTest().iterator().next();
            // Each blocking append under 'always' is one batch: go on until the active segment has several.
            for (int i = 0; p.segments().size() < 4 || p.active().endOffset() - p.active().baseOffset() < 6; i++) {
                LogRecord rec = ledger.next("t", ("k" + i % 3).getBytes(), 10 + r.nextInt(300), 1000 + i);
                ledger.ack(log.append("t", 0, rec), rec);
            }
        }
        Path pdir = pristine.resolve("topics/t/0");
        try (Stream<Path> s = Files.list(pdir)) {
            List<Path> logs = s.filter(p -> p.toString().endsWith(".log")).sorted().toList();
            assertTrue(logs.size() >= 3, "need sealed segments: " + logs);
            activeFile = logs.get(logs.size() - 1);
            sealedFiles = logs.subList(0, logs.size() - 1);
        }
        activeBatchStarts = batchStarts(activeFile);
        assertTrue(activeBatchStarts.length >= 4, "need a few batches in the active segment");
    }

    static long[] batchStarts(Path segment) throws IOException {
        byte[] b = Files.readAllBytes(segment);
        List<Long> starts = new ArrayList<>();
        int pos = 0;
        while (pos < b.length) {
            starts.add((long) pos);
            pos += ByteBuffer.wrap(b, pos + Batch.LENGTH_POS, 4).getInt();
        }
        starts.add((long) b.length);
        return starts.stream().mapToLong(Long::longValue).toArray();
    }

    private Path copy(String name) throws IOException {
        Path dst = tmp.resolve(name);
        try (Stream<Path> s = Files.walk(pristine)) {
            for (Path p : s.toList()) {
                Path t = dst.resolve(pristine.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!p.getFileName().toString().equals(".lock")) {
                    Files.copy(p, t);
                }
            }
        }
        return dst;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Path in(Path logDir, Path pristineFile, Path pristine) {
        return logDir.resolve(pristine.relativize(pristineFile).toString());
    }

    /**
     * A segment rolled under {@code os} or {@code interval} is fsynced and indexed after the roll; a crash
     * before that leaves the segment before the active one without index files, possibly torn. Intact, its
     * seal is completed at open and nothing is lost; torn, it is cut like an active segment and the segment
     * after it (never fsynced while the torn one was incomplete) is deleted, offsets staying dense.
     */
    @Test
    void aRolledSegmentWhoseSealDidNotCompleteIsRecoveredLikeTheActiveOne() throws IOException {
        Path lastSealed = sealedFiles.get(sealedFiles.size() - 1);
        long[] starts = batchStarts(lastSealed);
        String stem = lastSealed.getFileName().toString().replace(".log", "");
        long base = Long.parseLong(stem);
        // Intact: the seal is completed, everything is there.
        Path dir = copy("unsealed-intact");
        Path seg = in(dir, lastSealed, pristine);
        Files.delete(seg.resolveSibling(stem + ".index"));
        Files.delete(seg.resolveSibling(stem + ".timeindex"));
        try (LocalLog log = LocalLog.open(dir, config())) {
            assertEquals(0, log.stats().recoveredCuts());
            ledger.check(log, "t", 0, "rolled segment intact, seal not completed");
            assertEquals(ledger.ackedEnd("t", 0), log.partitionInfo("t", 0).endOffset());
        }
        assertTrue(Files.exists(seg.resolveSibling(stem + ".index")) && Files.exists(seg.resolveSibling(stem + ".timeindex")),
                "the seal was not completed at open");
        // Torn in its last batch: cut there, the active segment after it goes.
        long cut = starts[starts.length - 2] + 7;
        dir = copy("unsealed-torn");
        seg = in(dir, lastSealed, pristine);
        Files.delete(seg.resolveSibling(stem + ".index"));
        Files.delete(seg.resolveSibling(stem + ".timeindex"));
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(cut);
        }
        long expectedEnd;
        try (LocalLog log = LocalLog.open(dir, config())) {
            assertEquals(1, log.stats().recoveredCuts());
            assertTrue(!Files.exists(in(dir, activeFile, pristine)), "the segment after the torn one was kept");
            PartitionInfo info = log.partitionInfo("t", 0);
            assertEquals(sealedFiles.size(), info.segmentCount());
            assertEquals(base, log.partitionsForTest().iterator().next().active().baseOffset());
            expectedEnd = info.endOffset();
            assertTrue(expectedEnd < Long.parseLong(in(dir, activeFile, pristine).getFileName().toString()
                    .replace(".log", "")), "nothing was cut");
            ledger.checkIntact(log, "t", 0, "rolled segment torn, seal not completed");
            LogRecord rec = ledger.next("t", null, 50, 5000);
            assertEquals(expectedEnd, log.append("t", 0, rec).offset(), "offsets not dense after the cut");
        }
        try (LocalLog log = LocalLog.open(dir, config())) {
            assertEquals(0, log.stats().recoveredCuts());
            assertEquals(expectedEnd + 1, log.partitionInfo("t", 0).endOffset());
        }
    }

    /** Cutting the active segment at any byte of its last batches: recovery keeps exactly the whole batches before. */
    @Test
    void tornTailAtEveryByteOfTheLastBatches() throws IOException {
        long from = activeBatchStarts[activeBatchStarts.length - 4];
        long end = activeBatchStarts[activeBatchStarts.length - 1];
        for (long cut = from; cut < end; cut++) {
            Path dir = copy("torn");
            Path seg = in(dir, activeFile, pristine);
            try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            long keptBatchesEnd = from;
            for (long s : activeBatchStarts) {
                if (s <= cut) {
                    keptBatchesEnd = s;
                }
            }
            try (LocalLog log = LocalLog.open(dir, config())) {
                String why = "segment cut at byte " + cut;
                List<StoredRecord> got = ledger.checkIntact(log, "t", 0, why);
                assertEquals(keptBatchesEnd, Files.size(seg), why + ": recovery must cut back to the last whole batch");
                boolean cutSomething = cut > keptBatchesEnd;
                assertEquals(cutSomething ? 1 : 0, log.stats().recoveredCuts(), why);
                assertEquals(cut - keptBatchesEnd, log.stats().recoveredCutBytes(), why);
                byte[] cutBytes = Arrays.copyOfRange(Files.readAllBytes(activeFile), (int) keptBatchesEnd, (int) cut);
                Path corrupt = seg.resolveSibling(seg.getFileName().toString().replace(".log", "")
                        + "-" + keptBatchesEnd + ".corrupt");
                if (cutSomething && !Arrays.equals(cutBytes, new byte[cutBytes.length])) {
                    assertTrue(Files.exists(corrupt), why + ": the cut bytes are not kept aside in " + corrupt);
                    assertArrayEquals(cutBytes, Files.readAllBytes(corrupt), why + ": .corrupt does not hold the cut bytes");
                } else {
                    assertTrue(!Files.exists(corrupt), why + ": zeros kept aside in " + corrupt);
                }
                LogRecord rec = ledger.next("t", null, 30, 5000);
                AppendResult res = log.append("t", 0, rec);
                assertEquals(got.isEmpty() ? log.partitionInfo("t", 0).startOffset() : got.get(got.size() - 1).offset() + 1,
                        res.offset(), why + ": the next offset follows the last record kept");
                ledger.forgetBeyond("t", 0, res.offset());
                ledger.ack(res, rec);
                ledger.check(log, "t", 0, why + ", then an append");
            }
            try (LocalLog log = LocalLog.open(dir, config())) {
                ledger.check(log, "t", 0, "reopened after the cut at " + cut);
                assertEquals(0, log.stats().recoveredCuts(), "a clean reopen cut something");
            }
            ledger.forgetBeyond("t", 0, 0);
            rebuildLedgerFromPristine();
            deleteTree(dir);
        }
    }

    /** The test appends after each cut, which moves acknowledgements; start from the pristine ones again. */
    private void rebuildLedgerFromPristine() {
        try (LocalLog log = LocalLog.openReadOnly(pristine)) {
            for (StoredRecord s : Ledger.readAll(log, "t", 0)) {
                ledger.ack(new AppendResult("t", 0, s.offset(), s.timestamp()), s.toLogRecord());
            }
        }
    }

    /** Garbage instead of zeros after the last whole batch (a torn write on flash): cut and kept aside. */
    @Test
    void garbageTailIsCutAndKeptAside() throws IOException {
        Random r = new Random(SEED);
        for (int i = 0; i < 20; i++) {
            Path dir = copy("garbage");
            Path seg = in(dir, activeFile, pristine);
            byte[] junk = new byte[1 + r.nextInt(3000)];
            r.nextBytes(junk);
            if (i % 4 == 0) {
                Arrays.fill(junk, (byte) 0); // zero fill (preallocated space) is dropped, not kept
            }
            long size = Files.size(seg);
            try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(junk), size);
            }
            try (LocalLog log = LocalLog.open(dir, config())) {
                String why = junk.length + " bytes of " + (i % 4 == 0 ? "zeros" : "garbage") + " (seed " + SEED + ")";
                ledger.check(log, "t", 0, why);
                assertEquals(ledger.ackedEnd("t", 0), log.partitionInfo("t", 0).endOffset(), why);
                assertEquals(size, Files.size(seg), why);
                assertEquals(1, log.stats().recoveredCuts(), why);
                try (Stream<Path> s = Files.list(seg.getParent())) {
                    long corrupt = s.filter(p -> p.toString().endsWith(".corrupt")).count();
                    assertEquals(i % 4 == 0 ? 0 : 1, corrupt, why);
                }
            }
            deleteTree(dir);
        }
    }

    /**
     * A random bit flipped in the active segment: recovery cuts at the damaged batch (kept aside and
     * counted), and every record still returned is exactly the one appended.
     */
    @Test
    void bitFlipInTheActiveSegmentIsCutAtRecovery() throws IOException {
        Random r = new Random(SEED);
        long size = Files.size(activeFile);
        for (int i = 0; i < FLIPS; i++) {
            Path dir = copy("flip-active");
            Path seg = in(dir, activeFile, pristine);
            long pos = r.nextLong(size);
            flipBit(seg, pos, r.nextInt(8));
            String why = "bit flipped at byte " + pos + " of the active segment (seed " + SEED + ")";
            long damagedBatch = 0;
            for (long s : activeBatchStarts) {
                if (s <= pos) {
                    damagedBatch = s;
                }
            }
            try (LocalLog log = LocalLog.open(dir, config())) {
                ledger.checkIntact(log, "t", 0, why);
                assertEquals(damagedBatch, Files.size(seg), why + ": not cut at the damaged batch");
                assertEquals(1, log.stats().recoveredCuts(), why);
                assertEquals(size - damagedBatch, log.stats().recoveredCutBytes(), why);
            }
            deleteTree(dir);
        }
    }

    /**
     * A random bit flipped in a sealed segment: nothing is cut at open; a reader stops at the damaged batch
     * with an error naming the segment and the byte position; skipCorrupt() continues with the next intact
     * batch; no altered record is ever returned and all others are.
     */
    @Test
    void bitFlipInASealedSegmentIsReportedAndSkippable() throws IOException {
        Random r = new Random(SEED + 1);
        for (int i = 0; i < FLIPS; i++) {
            Path sealed = sealedFiles.get(r.nextInt(sealedFiles.size()));
            Path dir = copy("flip-sealed");
            Path seg = in(dir, sealed, pristine);
            long size = Files.size(seg);
            long pos = r.nextLong(size);
            flipBit(seg, pos, r.nextInt(8));
            long[] starts = batchStarts(sealed);
            long damagedBatch = 0;
            for (long s : starts) {
                if (s <= pos) {
                    damagedBatch = s;
                }
            }
            String why = "bit flipped at byte " + pos + " of sealed " + sealed.getFileName() + " (seed " + SEED + ")";
            try (LocalLog log = LocalLog.open(dir, config())) {
                assertEquals(0, log.stats().recoveredCuts(), why + ": a sealed segment was cut");
                assertEquals(size, Files.size(seg), why + ": a sealed segment was cut");
                List<StoredRecord> got = new ArrayList<>();
                int errors = 0;
                try (LogReader reader = log.reader("t", 0, 0)) {
                    while (true) {
                        List<StoredRecord> batch;
                        try {
                            batch = reader.poll(1000, Duration.ZERO);
                        } catch (CorruptBatchException e) {
                            errors++;
                            assertTrue(errors < 5, why + ": too many errors, last " + e.getMessage());
                            assertEquals(seg.toString(), e.segment(), why + ": wrong segment named");
                            assertEquals(damagedBatch, e.position(), why + ": wrong position named");
                            assertTrue(e.getMessage().contains(seg.getFileName().toString()), e.getMessage());
                            long skipped = reader.skipCorrupt();
                            assertTrue(skipped > 0, why + ": skipCorrupt did not move");
                            continue;
                        }
                        if (batch.isEmpty()) {
                            break;
                        }
                        got.addAll(batch);
                    }
                }
                assertEquals(1, errors, why + ": the damage must be reported exactly once");
                // Everything returned is intact; only the records of the damaged batch are missing.
                long lastOffset = -1;
                for (StoredRecord s : got) {
                    assertTrue(s.offset() > lastOffset, why + ": offsets go back");
                    lastOffset = s.offset();
                    if (!ledger.matches(s)) {
                        fail(why + ": " + s + " is not what was appended at offset " + s.offset());
                    }
                }
                long missing = ledger.ackedEnd("t", 0) - got.size();
                assertTrue(missing >= 1 && missing <= 40, why + ": " + missing + " records missing");
                assertEquals(ledger.ackedEnd("t", 0) - 1, lastOffset, why + ": records after the damage were lost");
            }
            deleteTree(dir);
        }
    }

    /** Index files deleted, truncated or full of garbage: rebuilt from the segment, reads and seeks stay right. */
    @Test
    void damagedIndexFilesAreRebuilt() throws IOException {
        Random r = new Random(SEED + 2);
        List<Path> indexes;
        try (Stream<Path> s = Files.list(pristine.resolve("topics/t/0"))) {
            indexes = s.filter(p -> p.toString().endsWith(".index") || p.toString().endsWith(".timeindex")).sorted()
                    .toList();
        }
        assertTrue(indexes.size() >= 4, "no index files written: " + indexes);
        for (int i = 0; i < 40; i++) {
            Path dir = copy("index");
            String damage;
            Path victim = in(dir, indexes.get(r.nextInt(indexes.size())), pristine);
            switch (i % 4) {
                case 0 -> {
                    Files.delete(victim);
                    damage = "deleted";
                }
                case 1 -> {
                    byte[] junk = new byte[(int) Files.size(victim) + r.nextInt(3) * 4];
                    r.nextBytes(junk);
                    Files.write(victim, junk);
                    damage = "garbage";
                }
                case 2 -> {
                    try (FileChannel ch = FileChannel.open(victim, StandardOpenOption.WRITE)) {
                        ch.truncate(Math.max(0, ch.size() - 1 - r.nextInt(8)));
                    }
                    damage = "truncated";
                }
                default -> {
                    // Plausible but wrong entries: every position moved by one batch header.
                    byte[] b = Files.readAllBytes(victim);
                    for (int k = 4; k + 4 <= b.length && victim.toString().endsWith(".index"); k += 8) {
                        ByteBuffer.wrap(b).putInt(k, ByteBuffer.wrap(b).getInt(k) + 40);
                    }
                    Files.write(victim, b);
                    damage = "shifted";
                }
            }
            String why = victim.getFileName() + " " + damage + " (seed " + SEED + ")";
            try (LocalLog log = LocalLog.open(dir, config())) {
                ledger.check(log, "t", 0, why);
                // Seeks go through the index: every offset and a few timestamps.
                for (long off = 0; off < ledger.ackedEnd("t", 0); off += 1 + r.nextInt(7)) {
                    try (LogReader reader = log.reader("t", 0, off)) {
                        StoredRecord s = reader.poll(1, Duration.ZERO).get(0);
                        assertEquals(off, s.offset(), why);
                        assertTrue(ledger.matches(s), why + ": seek to " + off + " returned " + s);
                    }
                }
                for (long ts = 1000; ts < 1000 + ledger.ackedEnd("t", 0); ts += 13) {
                    LogReader reader = log.readerFromTimestamp("t", 0, ts);
                    StoredRecord s = reader.poll(1, Duration.ZERO).get(0);
                    assertEquals(ts, s.timestamp(), why + ": seek to timestamp " + ts);
                    reader.close();
                }
            }
            try (LocalLog log = LocalLog.open(dir, config())) {
                ledger.check(log, "t", 0, why + ", reopened");
            }
            deleteTree(dir);
        }
    }

    static void flipBit(Path file, long pos, int bit) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, pos);
            b.put(0, (byte) (b.get(0) ^ (1 << bit)));
            b.rewind();
            ch.write(b, pos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
