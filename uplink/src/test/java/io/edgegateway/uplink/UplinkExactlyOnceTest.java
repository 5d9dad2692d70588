package io.edgegateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.log.LocalLog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once forwarding against a real broker (KafkaClusterTestKit in this JVM): a large backlog plus live
 * appends over three topics, the shared-topic mapping, and restarts that must continue from the central
 * positions. Each test checks with a read_committed consumer that every stored event arrived once, intact,
 * in order per key, and that the offsets topic agrees.
 */
class UplinkExactlyOnceTest {
    static final boolean STRESS = Boolean.getBoolean("edge.stress");
    static InJvmKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new InJvmKafka(Map.of());
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    static Map<String, String> options(String gateway, String topics, String bootstrap) {
        Map<String, String> m = new HashMap<>();
        m.put("gateway.id", gateway);
        m.put("topics", topics);
        m.put("kafka.bootstrap.servers", bootstrap);
        m.put("offsets.topic.replication.factor", "1");
        m.put("create.topics.replication.factor", "1");
        return m;
    }

    @Test
    void hundredThousandEventsOverThreeTopicsArriveExactlyOnceInOrder(@TempDir Path dir) throws Exception {
        int total = STRESS ? 1_000_000 : 100_000;
        List<String> topics = List.of("sensors.environment", "access.rfid", "io.gpio");
        Map<String, String> mapping = new LinkedHashMap<>();
        try (LocalLog log = LocalLog.open(dir)) {
            EdgeData data = new EdgeData();
            for (String t : topics) {
                EdgeData.createTopic(log, t, 3, 0);
                InJvmKafka.createTopic(kafka.bootstrap(), "edge." + t, 3, Map.of());
                mapping.put(t, "edge." + t);
            }
            // Most of it waits as a backlog (an outage ended); the rest is appended while forwarding runs.
            int backlog = total * 6 / 10 / topics.size();
            for (String t : topics) {
                data.append(log, t, backlog, 40, 120);
            }
            Map<String, String> o = options("gw-a", String.join(",", topics), kafka.bootstrap());
            try (Uplink u = Uplink.start(log, UplinkOptions.parse(o))) {
                int live = (total - backlog * topics.size()) / topics.size();
                for (int i = 0; i < live; i += 1000) {
                    for (String t : topics) {
                        data.append(log, t, Math.min(1000, live - i), 40, 120);
                    }
                }
                Await.drained(u, 120_000);
                UplinkStatus s = u.status();
                assertEquals(ConnectivityState.ONLINE, s.state());
                assertTrue(s.transactionsCommitted() > 0);
                assertEquals(0, s.producerRebuilds(), s.toString());
                assertEquals(0, s.stalls());
            }
            long checked = Central.verify(log, kafka.bootstrap(), mapping, true, "gw-a");
            assertEquals(backlog * 3L + (total - backlog * 3L) / 3 * 3, checked);
            Central.verifyPositions(log, kafka.bootstrap(), "edge.uplink.offsets", "gw-a", topics);
        }
    }

    @Test
    void aSecondInstanceWithTheSameIdIsFencedNotDuplicated(@TempDir Path dirA, @TempDir Path dirB) throws Exception {
        // Two processes believe they are gateway gw-z (a restored backup, a zombie after a failover) and hold
        // the same events. Each fences the other in turn; the cluster still gets every event once.
        InJvmKafka.createTopic(kafka.bootstrap(), "edge.twins", 2, Map.of());
        try (LocalLog a = LocalLog.open(dirA); LocalLog b = LocalLog.open(dirB)) {
            for (LocalLog log : List.of(a, b)) {
                EdgeData.createTopic(log, "twins", 2, 0);
                new EdgeData(1_700_000_000_000L).append(log, "twins", 20_000, 16, 100);
            }
            Map<String, String> o = options("gw-z", "twins", kafka.bootstrap());
            o.put("batch.max.records", "200");
            o.put("fenced.retry.ms", "3000");
            try (Uplink ua = Uplink.start(a, UplinkOptions.parse(o)); Uplink ub = Uplink.start(b, UplinkOptions.parse(o))) {
                Await.until(120_000, () -> ua.status().backlogEvents() == 0 || ub.status().backlogEvents() == 0,
                        () -> ua.status() + "\n" + ub.status());
                assertEquals(ua.transactionalId(), ub.transactionalId());
                assertTrue(ua.status().fencings() + ub.status().fencings() > 0,
                        "neither instance was fenced: " + ua.status() + "\n" + ub.status());
            }
            Central.verify(a, kafka.bootstrap(), Map.of("twins", "edge.twins"), true, "gw-z");
            Central.verifyPositions(a, kafka.bootstrap(), "edge.uplink.offsets", "gw-z", List.of("twins"));
        }
    }

    @Test
    void sharedTopicCarriesTheSourceInHeadersAndCentralPositionsWinAfterRestart(@TempDir Path dir) throws Exception {
        List<String> topics = List.of("meters", "doors");
        InJvmKafka.createTopic(kafka.bootstrap(), "site.all", 2, Map.of());
        try (LocalLog log = LocalLog.open(dir)) {
            EdgeData data = new EdgeData();
            for (String t : topics) {
                EdgeData.createTopic(log, t, 2, 0);
                data.append(log, t, 3_000, 10, 80);
            }
            Map<String, String> o = options("gw-shared", String.join(",", topics), kafka.bootstrap());
            o.put("central.topic", "site.all");
            o.put("offsets.topic", "site.offsets");
            try (Uplink u = Uplink.start(log, UplinkOptions.parse(o))) {
                Await.drained(u, 60_000);
            }
            // Turn the local cursors back as if their writes had been lost: the central positions must win,
            // so the restart sends nothing twice.
            for (String t : topics) {
                log.cursor("uplink", t).commit(Map.of(0, 0L, 1, 10L));
                data.append(log, t, 500, 10, 80);
            }
            try (Uplink u = Uplink.start(log, UplinkOptions.parse(o))) {
                Await.drained(u, 60_000);
                assertEquals(1000, u.status().forwardedEvents(), "only the new events are sent");
            }
            Central.verify(log, kafka.bootstrap(), Map.of("meters", "site.all", "doors", "site.all"), true, "gw-shared");
            Central.verifyPositions(log, kafka.bootstrap(), "site.offsets", "gw-shared", topics);
            for (String t : topics) {
                assertEquals(log.partitionInfo(t, 0).endOffset(), log.cursor("uplink", t).position(0));
                assertEquals(log.partitionInfo(t, 1).endOffset(), log.cursor("uplink", t).position(1));
            }
        }
    }
}
