package io.edgegateway.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public API's contract: readers that wait, timestamps, cursors, topic settings, read-only views. */
class LogApiTest {
    @TempDir
    Path dir;

    static LogRecord rec(String key, String value, long ts) {
        return new LogRecord(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8), ts);
    }

    @Test
    void readerWaitsForNewDataAndWakesWhenItArrives() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(TopicConfig.builder("t").durability(Durability.ALWAYS).build());
            LogReader reader = log.reader("t", 0, 0);
            assertTrue(reader.poll(10, Duration.ofMillis(50)).isEmpty(), "nothing yet, after waiting");
            CountDownLatch polling = new CountDownLatch(1);
            Future<List<StoredRecord>> got = pool.submit(() -> {
                polling.countDown();
                return reader.poll(10, Duration.ofSeconds(30));
            });
            polling.await();
            long start = System.nanoTime();
            log.append("t", rec("k", "hello", 1));
            List<StoredRecord> records = got.get(10, TimeUnit.SECONDS);
            assertEquals(1, records.size());
            assertEquals("hello", new String(records.get(0).value(), StandardCharsets.UTF_8));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "woken, not timed out");
            assertEquals(1, reader.position());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void seeksByTimestampAcrossSegments() {
        try (LocalLog log = LocalLog.open(dir, LogConfig.builder().indexIntervalBytes(128).build())) {
            log.createTopic(TopicConfig.builder("t").segmentBytes(4096).build());
            for (int i = 0; i < 500; i++) {
                log.append("t", 0, rec("k", "value-" + i, 1000 + i * 10L));
            }
            assertTrue(log.partitionInfo("t", 0).segmentCount() > 3);
            try (LogReader r = log.readerFromTimestamp("t", 0, 1000 + 2345)) {
                StoredRecord first = r.poll(1, Duration.ZERO).get(0);
                assertEquals(235, first.offset());
                assertEquals(3350, first.timestamp());
            }
            try (LogReader r = log.readerFromTimestamp("t", 0, 0)) {
                assertEquals(0, r.position());
            }
            try (LogReader r = log.readerFromTimestamp("t", 0, 999_999)) {
                assertEquals(500, r.position(), "past the newest record: the end");
            }
        }
    }

    @Test
    void cursorsAreDurableAndValidated() {
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(TopicConfig.builder("t").partitions(3).build());
            for (int p = 0; p < 3; p++) {
                for (int i = 0; i < 10; i++) {
                    log.append("t", p, rec("k", "v", i));
                }
            }
            Cursor c = log.cursor("uplink", "t");
            assertEquals(Map.of(0, 0L, 1, 0L, 2, 0L), c.positions());
            c.commit(Map.of(0, 5L, 2, 7L));
            assertThrows(UnknownTopicException.class, () -> c.commit(3, 1));
            assertThrows(IllegalArgumentException.class, () -> c.commit(1, -1));
            assertThrows(IllegalArgumentException.class, () -> log.cursor("bad name", "t"));
            assertTrue(c == log.cursor("uplink", "t"));
        }
        try (LocalLog log = LocalLog.open(dir)) {
            assertEquals(Map.of(0, 5L, 1, 0L, 2, 7L), log.cursor("uplink", "t").positions());
            assertEquals(1, log.cursors().size());
        }
    }

    @Test
    void topicSettingsPersistAndPartitionCountCannotChange() {
        TopicConfig c = TopicConfig.builder("sensors.env").partitions(4).durability(Durability.OS).priority(3)
                .retentionMs(60_000).retentionBytes(1 << 20).maxProtectedBytes(1000).build();
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(c);
            log.createTopic(c);
            LogException e = assertThrows(LogException.class,
                    () -> log.createTopic(c.toBuilder().partitions(5).build()));
            assertTrue(e.getMessage().contains("4 partitions"), e.getMessage());
            // Looked up (and remembered) before the update: the lookup must see the new settings at once.
            assertEquals(c, log.topicConfig("sensors.env"));
            log.updateTopic(c.toBuilder().durability(Durability.ALWAYS).build());
            assertEquals(Durability.ALWAYS, log.topicConfig("sensors.env").durability());
        }
        try (LocalLog log = LocalLog.open(dir)) {
            assertEquals(c.toBuilder().durability(Durability.ALWAYS).build(), log.topicConfig("sensors.env"));
        }
    }

    @Test
    void badTopicSettingsAreRefusedNamingTheSetting() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TopicConfig.builder("a/b").build())
                .getMessage().contains("'a/b' is invalid"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TopicConfig.builder("t").partitions(0).build())
                .getMessage().contains("partitions=0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TopicConfig.builder("t").retentionMs(0).build())
                .getMessage().contains("retentionMs=0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TopicConfig.builder("t").segmentBytes(100).build())
                .getMessage().contains("segmentBytes=100"));
        for (long bad : new long[] {0, -2}) {
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> TopicConfig.builder("t").flushIntervalBytes(bad).build()).getMessage()
                    .contains("flushIntervalBytes=" + bad));
        }
        assertEquals(-1, TopicConfig.builder("t").build().flushIntervalBytes(), "no byte limit by default");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogConfig.builder().diskBudgetBytes(10).build())
                .getMessage().contains("diskBudgetBytes=10"));
    }

    @Test
    void unknownTopicsAndPartitionsAndNegativeTimestampsGetClearErrors() {
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(TopicConfig.builder("t").partitions(2).build());
            assertTrue(assertThrows(UnknownTopicException.class, () -> log.append("x", rec("k", "v", 1)))
                    .getMessage().contains("unknown topic 'x'"));
            assertTrue(assertThrows(UnknownTopicException.class, () -> log.append("t", 2, rec("k", "v", 1)))
                    .getMessage().contains("partitions 0..1, not 2"));
            assertThrows(IllegalArgumentException.class, () -> log.append("t", rec("k", "v", -5)));
            AppendResult now = log.append("t", rec("k", "v", -1));
            assertTrue(Math.abs(now.timestamp() - System.currentTimeMillis()) < 60_000, "-1 means now");
        }
    }

    @Test
    void readOnlyViewRefusesWritesAndCutsNothing() {
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(TopicConfig.builder("t").build());
            log.append("t", rec("k", "v", 1));
        }
        try (LocalLog ro = LocalLog.openReadOnly(dir)) {
            assertEquals(1, ro.partitionInfo("t", 0).endOffset());
            assertThrows(LogException.class, () -> ro.append("t", rec("k", "v", 2)));
            assertThrows(LogException.class, () -> ro.flush());
        }
        assertThrows(LogException.class, () -> LocalLog.openReadOnly(dir.resolve("nothing-here")));
    }

    @Test
    void secondWriterOnTheSameDirectoryIsRefused() {
        try (LocalLog log = LocalLog.open(dir)) {
            LogException e = assertThrows(LogException.class, () -> LocalLog.open(dir));
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        }
    }

    @Test
    void nullKeysSpreadRoundRobinAndKeysStickToTheirPartition() {
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(TopicConfig.builder("t").partitions(4).durability(Durability.OS).build());
            int[] seen = new int[4];
            for (int i = 0; i < 40; i++) {
                seen[log.append("t", rec(null, "v" + i, i)).partition()]++;
            }
            assertEquals(List.of(10, 10, 10, 10), List.of(seen[0], seen[1], seen[2], seen[3]));
            int p = log.append("t", rec("device-42", "a", 1)).partition();
            for (int i = 0; i < 10; i++) {
                assertEquals(p, log.append("t", rec("device-42", "b" + i, 1)).partition());
            }
            assertEquals(KeyPartitioner.partition("device-42".getBytes(StandardCharsets.UTF_8), 4), p);
        }
    }

    @Test
    void durableReadersSeeOnlyFsyncedRecords() throws Exception {
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(TopicConfig.builder("t").durability(Durability.OS).build());
            log.append("t", rec("k", "v", 1));
            try (LogReader acked = log.reader("t", 0, 0); LogReader durable = log.reader("t", 0, 0, true)) {
                assertEquals(1, acked.poll(10, Duration.ZERO).size());
                assertTrue(durable.poll(10, Duration.ofMillis(20)).isEmpty(), "os: not fsynced yet");
                log.flush();
                assertEquals(1, durable.poll(10, Duration.ofSeconds(5)).size());
            }
        }
    }
}
