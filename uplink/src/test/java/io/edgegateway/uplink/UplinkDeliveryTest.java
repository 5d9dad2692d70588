package io.edgegateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.log.Durability;
import io.edgegateway.log.LocalLog;
import io.edgegateway.log.TopicConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At-least-once mode, priorities, the bandwidth cap and the daily budget against a real broker
 * (KafkaClusterTestKit in this JVM).
 */
class UplinkDeliveryTest {
    static InJvmKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new InJvmKafka(Map.of());
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void atLeastOnceDuplicatesOnlyWhatACrashLeftUnconfirmedAndHeadersIdentifyThem(@TempDir Path dir)
            throws Exception {
        InJvmKafka.createTopic(kafka.bootstrap(), "edge.plain", 2, Map.of());
        try (LocalLog log = LocalLog.open(dir)) {
            EdgeData data = new EdgeData();
            EdgeData.createTopic(log, "plain", 2, 0);
            data.append(log, "plain", 5_000, 10, 100);
            Map<String, String> o = UplinkExactlyOnceTest.options("gw-alo", "plain", kafka.bootstrap());
            o.put("mode", "at-least-once");
            try (Uplink u = Uplink.start(log, UplinkOptions.parse(o))) {
                Await.drained(u, 60_000);
                assertEquals(5_000, u.status().forwardedEvents());
                assertEquals(0, u.status().transactionsAborted());
            }
            // Without a crash nothing is sent twice.
            Central.verify(log, kafka.bootstrap(), Map.of("plain", "edge.plain"), true, "gw-alo");

            // A crash after the acks but before the cursor write: the cursor is behind what the cluster has.
            log.cursor("uplink", "plain").commit(Map.of(0, 1_000L, 1, 1_000L));
            data.append(log, "plain", 1_000, 10, 100);
            try (Uplink u = Uplink.start(log, UplinkOptions.parse(o))) {
                Await.drained(u, 60_000);
            }
            long sent = log.partitionInfo("plain", 0).endOffset() - 1_000 + log.partitionInfo("plain", 1).endOffset() - 1_000;
            long unique = Central.verify(log, kafka.bootstrap(), Map.of("plain", "edge.plain"), false, "gw-alo");
            assertEquals(6_000, unique, "every event at least once, in order of first appearance");
            long total = Central.readAll(kafka.bootstrap(), List.of("edge.plain")).size();
            assertEquals(5_000 + sent, total, "exactly the re-sent stretch is duplicated");
        }
    }

    @Test
    void higherPriorityDrainsFirstWithinTheBandwidthCap(@TempDir Path dir) throws Exception {
        InJvmKafka.createTopic(kafka.bootstrap(), "edge.alarms", 1, Map.of());
        InJvmKafka.createTopic(kafka.bootstrap(), "edge.bulk", 1, Map.of());
        long cap = 300_000;
        try (LocalLog log = LocalLog.open(dir)) {
            EdgeData data = new EdgeData();
            EdgeData.createTopic(log, "bulk", 1, 0);
            EdgeData.createTopic(log, "alarms", 1, 10);
            data.append(log, "bulk", 8_000, 10, 150);
            data.append(log, "alarms", 600, 5, 150);
            Map<String, String> o = UplinkExactlyOnceTest.options("gw-prio", "bulk,alarms", kafka.bootstrap());
            o.put("bandwidth.bytes.per.second", Long.toString(cap));
            long start = System.nanoTime();
            try (Uplink u = Uplink.start(log, UplinkOptions.parse(o))) {
                Await.until(60_000, () -> u.status().topic("alarms").backlogEvents() == 0, () -> u.status().toString());
                long bulkLeft = u.status().topic("bulk").backlogEvents();
                assertTrue(bulkLeft > 5_000, "the backlog of alarms went first; bulk left: " + bulkLeft);

                // A live alarm during the bulk drain overtakes the bulk backlog.
                data.append(log, "alarms", 1, 5, 150);
                long t0 = System.nanoTime();
                Await.until(30_000, () -> u.status().topic("alarms").backlogEvents() == 0, () -> u.status().toString());
                long alarmMs = (System.nanoTime() - t0) / 1_000_000;
                long bulkThen = u.status().topic("bulk").backlogEvents();
                assertTrue(bulkThen > 0, "bulk already drained; the test proves nothing");
                assertTrue(alarmMs < 5_000, "live alarm took " + alarmMs + " ms");

                Await.drained(u, 120_000);
                long seconds = (System.nanoTime() - start) / 1_000_000;
                long bytes = u.status().forwardedBytes();
                // One second of burst credit, then at most the cap.
                assertTrue(seconds >= (bytes - cap) * 1000 / cap, bytes + " bytes in " + seconds + " ms");
            }
            Central.verify(log, kafka.bootstrap(), Map.of("bulk", "edge.bulk", "alarms", "edge.alarms"), true, "gw-prio");
        }
    }

    @Test
    void dailyBudgetStopsForwardingUntilMidnight(@TempDir Path dir) throws Exception {
        InJvmKafka.createTopic(kafka.bootstrap(), "edge.metered", 1, Map.of());
        TestClock clock = new TestClock(System.currentTimeMillis());
        try (LocalLog log = LocalLog.open(dir)) {
            EdgeData.createTopic(log, "metered", 1, 0);
            new EdgeData().append(log, "metered", 2_000, 10, 150);
            Map<String, String> o = UplinkExactlyOnceTest.options("gw-budget", "metered", kafka.bootstrap());
            o.put("daily.budget.bytes", "100000");
            o.put("stall.timeout.ms", "1000");
            try (Uplink u = Uplink.start(log, UplinkOptions.parse(o), UplinkListener.NONE, clock)) {
                Await.until(60_000, () -> u.status().forwardedEvents() > 0 && u.status().dailyBudgetRemaining() < 1_000,
                        () -> u.status().toString());
                long first = u.status().forwardedEvents();
                Thread.sleep(2_500);
                UplinkStatus s = u.status();
                assertEquals(first, s.forwardedEvents(), "nothing more today");
                assertTrue(s.bytesSentToday() <= 100_000, s.toString());
                assertTrue(s.backlogEvents() > 1_000, s.toString());
                assertEquals(0, s.stalls(), "waiting for the budget is not a stall");

                clock.advance(DailyBudget.DAY_MS);
                Await.until(30_000, () -> u.status().forwardedEvents() > first, () -> u.status().toString());
                Await.until(30_000, () -> u.status().dailyBudgetRemaining() < 1_000, () -> u.status().toString());
                assertTrue(u.status().forwardedEvents() < 2 * first + 10, u.status().toString());
            }
        }
    }

    @Test
    void dailyBudgetSpentBeforeARestartStaysSpentThatDay(@TempDir Path dir) throws Exception {
        InJvmKafka.createTopic(kafka.bootstrap(), "edge.metered2", 1, Map.of());
        TestClock clock = new TestClock(System.currentTimeMillis());
        try (LocalLog log = LocalLog.open(dir)) {
            EdgeData.createTopic(log, "metered2", 1, 0);
            new EdgeData().append(log, "metered2", 2_000, 10, 150);
            Map<String, String> o = UplinkExactlyOnceTest.options("gw-budget2", "metered2", kafka.bootstrap());
            o.put("daily.budget.bytes", "100000");
            long usedBefore;
            try (Uplink u = Uplink.start(log, UplinkOptions.parse(o), UplinkListener.NONE, clock)) {
                Await.until(60_000, () -> u.status().forwardedEvents() > 0 && u.status().dailyBudgetRemaining() < 1_000,
                        () -> u.status().toString());
                usedBefore = u.status().bytesSentToday();
            }
            long centralBefore = Central.readAll(kafka.bootstrap(), List.of("edge.metered2")).size();

            // A crash loop restarts the process again and again the same day: the spent budget stays spent
            // (at most the few bytes the first run had left may still go; without the file, 100 kB per start).
            for (int i = 0; i < 3; i++) {
                try (Uplink u = Uplink.start(log, UplinkOptions.parse(o), UplinkListener.NONE, clock)) {
                    Thread.sleep(1_500);
                    UplinkStatus s = u.status();
                    assertTrue(s.bytesSentToday() >= usedBefore && s.bytesSentToday() <= 100_000, s.toString());
                }
            }
            long centralAfter = Central.readAll(kafka.bootstrap(), List.of("edge.metered2")).size();
            assertTrue(centralAfter - centralBefore < 10, centralBefore + " events before the restarts, " + centralAfter
                    + " after");

            // The next day starts from zero whatever the file says.
            clock.advance(DailyBudget.DAY_MS);
            try (Uplink u = Uplink.start(log, UplinkOptions.parse(o), UplinkListener.NONE, clock)) {
                Await.until(60_000, () -> u.status().forwardedEvents() > 0, () -> u.status().toString());
                assertTrue(u.status().bytesSentToday() <= 100_000, u.status().toString());
            }
        }
    }

    @Test
    void onlyEventsTheLocalLogHasFsyncedAreForwarded(@TempDir Path dir) throws Exception {
        InJvmKafka.createTopic(kafka.bootstrap(), "edge.synced", 1, Map.of());
        try (LocalLog log = LocalLog.open(dir)) {
            // The log's own policy syncs only every hour or GiB: nothing becomes durable by itself in this test.
            log.createTopic(TopicConfig.builder("synced").durability(Durability.INTERVAL)
                    .flushIntervalMs(3_600_000).flushIntervalBytes(1L << 30).build());
            EdgeData data = new EdgeData();
            data.append(log, "synced", 500, 10, 100);
            log.flush();
            data.append(log, "synced", 300, 10, 100);
            Map<String, String> o = UplinkExactlyOnceTest.options("gw-durable", "synced", kafka.bootstrap());
            o.put("durable.wait.ms", "0");
            try (Uplink u = Uplink.start(log, UplinkOptions.parse(o))) {
                Await.until(60_000, () -> u.status().forwardedEvents() >= 500, () -> u.status().toString());
                // Many rounds of poll.wait.ms: the 300 stored but not fsynced events must stay behind.
                Thread.sleep(2_000);
                UplinkStatus s = u.status();
                assertEquals(500, s.forwardedEvents(), s.toString());
                assertEquals(300, s.topic("synced").backlogEvents(), s.toString());
                assertEquals(Map.of("synced/0", 500L),
                        Central.positions(kafka.bootstrap(), "edge.uplink.offsets", "gw-durable"));
                assertEquals(500, Central.readAll(kafka.bootstrap(), List.of("edge.synced")).size());

                log.flush();
                Await.drained(u, 30_000);
            }
            assertEquals(800, Central.verify(log, kafka.bootstrap(), Map.of("synced", "edge.synced"), true, "gw-durable"));
        }
    }

    @Test
    void eventsWaitingForAnFsyncMakeTheForwarderAskForOne(@TempDir Path dir) throws Exception {
        InJvmKafka.createTopic(kafka.bootstrap(), "edge.lazy", 1, Map.of());
        try (LocalLog log = LocalLog.open(dir)) {
            log.createTopic(TopicConfig.builder("lazy").durability(Durability.INTERVAL)
                    .flushIntervalMs(3_600_000).flushIntervalBytes(1L << 30).build());
            EdgeData data = new EdgeData();
            data.append(log, "lazy", 300, 10, 100);
            Map<String, String> o = UplinkExactlyOnceTest.options("gw-lazy", "lazy", kafka.bootstrap());
            o.put("durable.wait.ms", "300");
            try (Uplink u = Uplink.start(log, UplinkOptions.parse(o))) {
                Await.drained(u, 30_000);
                data.append(log, "lazy", 200, 10, 100);
                Await.drained(u, 30_000);
            }
            assertEquals(500, Central.verify(log, kafka.bootstrap(), Map.of("lazy", "edge.lazy"), true, "gw-lazy"));
        }
    }
}
