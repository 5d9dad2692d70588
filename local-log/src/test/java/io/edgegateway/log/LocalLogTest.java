package io.edgegateway.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLogTest {
    @TempDir
    Path dir;

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void appendsAndReadsBackEveryFieldForEachPolicy() {
        for (Durability d : Durability.values()) {
            Path sub = dir.resolve(d.name());
            try (LocalLog log = LocalLog.open(sub)) {
                log.createTopic(TopicConfig.builder("t").partitions(1).durability(d).build());
                List<LogRecord> sent = List.of(
                        new LogRecord(null, null, 5),
                        new LogRecord(new byte[0], new byte[0], 6),
                        new LogRecord(b("k"), b("v"), 7, List.of(Header.of("a", "1"), new Header("b", null), Header.of("a", "2"))),
                        new LogRecord(b("ключ"), new byte[1000], 3));
                for (int i = 0; i < sent.size(); i++) {
                    AppendResult r = log.append("t", 0, sent.get(i));
                    assertEquals(i, r.offset());
                }
                try (LogReader reader = log.reader("t", 0, 0)) {
                    List<StoredRecord> got = reader.poll(100, Duration.ZERO);
                    assertEquals(sent.size(), got.size());
                    for (int i = 0; i < sent.size(); i++) {
                        assertEquals(sent.get(i), got.get(i).toLogRecord(), d + " record " + i);
                        assertEquals(i, got.get(i).offset());
                    }
                }
            }
            try (LocalLog log = LocalLog.open(sub)) {
                assertEquals(4, log.partitionInfo("t", 0).endOffset());
                try (LogReader reader = log.reader("t", 0, 2)) {
                    StoredRecord r = reader.poll(1, Duration.ZERO).get(0);
                    assertArrayEquals(b("k"), r.key());
                    assertNull(r.headers().get(1).value());
                }
            }
        }
    }

    @Test
    void asyncAndBatchAppendsAreDenseAcrossRollsAndReopen() throws Exception {
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(TopicConfig.builder("t").partitions(3).segmentBytes(8192).durability(Durability.OS).build());
            List<CompletableFuture<AppendResult>> fs = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                fs.add(log.appendAsync("t", new LogRecord(b("key" + (i % 17)), b("value-" + i), i)));
            }
            for (CompletableFuture<AppendResult> f : fs) {
                f.get();
            }
            List<LogRecord> batch = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                batch.add(new LogRecord(b("key" + (i % 17)), b("batch-" + i), i));
            }
            log.appendBatch("t", batch);
        }
        try (LocalLog log = LocalLog.open(dir)) {
            long total = 0;
            for (int p = 0; p < 3; p++) {
                PartitionInfo info = log.partitionInfo("t", p);
                assertTrue(info.segmentCount() > 1, "rolled");
                try (LogReader r = log.reader("t", p, 0)) {
                    long expect = 0;
                    List<StoredRecord> got;
                    while (!(got = r.poll(500, Duration.ZERO)).isEmpty()) {
                        for (StoredRecord s : got) {
                            assertEquals(expect++, s.offset());
                            assertEquals(p, KeyPartitioner.partition(s.key(), 3));
                        }
                    }
                    assertEquals(info.endOffset(), expect);
                    total += expect;
                }
            }
            assertEquals(4000, total);
        }
    }

    @Test
    void recordTooLargeIsRefusedWithClearError() {
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(TopicConfig.builder("t").maxRecordBytes(1000).build());
            RecordTooLargeException e = assertThrows(RecordTooLargeException.class,
                    () -> log.append("t", new LogRecord(null, new byte[2000], 1)));
            assertTrue(e.getMessage().contains("maxRecordBytes=1000"), e.getMessage());
        }
    }
}
