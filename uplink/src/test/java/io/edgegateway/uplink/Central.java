package io.edgegateway.uplink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.edgegateway.log.LocalLog;
import io.edgegateway.log.LogReader;
import io.edgegateway.log.PartitionInfo;
import io.edgegateway.log.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the central cluster holds, read the way a downstream consumer reads it ({@code read_committed}),
 * written independently of the uplink's own code, and the checks every test ends with: each stored event
 * exactly once (no loss, no duplicate), key, value, timestamp and headers intact, order per local
 * partition (so per key) kept, and the offsets topic equal to what was delivered.
 */
final class Central {
    record Event(String centralTopic, int centralPartition, long centralOffset, String edgeTopic, int edgePartition,
            long edgeOffset, byte[] key, byte[] value, long timestamp, List<Header> headers) {
    }

    private Central() {
    }

    static Properties consumerProps(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        return p;
    }

    /** Every committed record of the topics, per topic in partition and offset order. */
    static List<Event> readAll(String bootstrap, Collection<String> topics) {
        List<Event> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps(bootstrap), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (String t : topics) {
                for (org.apache.kafka.common.PartitionInfo p : c.partitionsFor(t, Duration.ofSeconds(30))) {
                    tps.add(new TopicPartition(t, p.partition()));
                }
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = c.endOffsets(tps, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(c, ends)) {
                if (System.nanoTime() > deadline) {
                    fail("could not read to the end of " + topics + ": " + ends);
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.headers().lastHeader(EdgeHeaders.EDGE_OFFSET) == null) {
                        continue;
                    }
                    List<Header> hs = new ArrayList<>();
                    r.headers().forEach(hs::add);
                    out.add(new Event(r.topic(), r.partition(), r.offset(), header(r, EdgeHeaders.EDGE_TOPIC),
                            Integer.parseInt(header(r, EdgeHeaders.EDGE_PARTITION)),
                            Long.parseLong(header(r, EdgeHeaders.EDGE_OFFSET)), r.key(), r.value(), r.timestamp(), hs));
                }
            }
        }
        return out;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        assertNotNull(h, "header " + name + " missing on " + r.topic() + "-" + r.partition() + "@" + r.offset());
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The committed offsets-topic values of a gateway: "topic/partition" -> next offset. */
    static Map<String, Long> positions(String bootstrap, String offsetsTopic, String gatewayId) {
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : latestByKey(bootstrap, offsetsTopic).entrySet()) {
            if (e.getKey().startsWith(gatewayId + "/")) {
                out.put(e.getKey().substring(gatewayId.length() + 1),
                        Long.parseLong(new String(e.getValue(), StandardCharsets.US_ASCII)));
            }
        }
        return out;
    }

    private static Map<String, byte[]> latestByKey(String bootstrap, String topic) {
        Map<String, byte[]> m = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps(bootstrap), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            c.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> tps.add(new TopicPartition(topic, p.partition())));
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = c.endOffsets(tps, Duration.ofSeconds(30));
            while (!reached(c, ends)) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    m.put(new String(r.key(), StandardCharsets.UTF_8), r.value());
                }
            }
        }
        return m;
    }

    /**
     * Asserts that the central topics hold every event of the given local topics exactly once, intact and in
     * order per local partition, and returns how many events were checked. {@code exactlyOnce=false} allows
     * duplicates (at-least-once) but still requires every event and order of first appearance.
     */
    static long verify(LocalLog log, String bootstrap, Map<String, String> localToCentral, boolean exactlyOnce,
            String gatewayId) {
        List<Event> events = readAll(bootstrap, new java.util.TreeSet<>(localToCentral.values()));
        Map<String, List<Event>> bySource = new HashMap<>();
        for (Event e : events) {
            assertEquals(gatewayId, headerValue(e, EdgeHeaders.GATEWAY), "gateway header");
            assertEquals(localToCentral.get(e.edgeTopic()), e.centralTopic(), "event of " + e.edgeTopic() + " in the wrong topic");
            bySource.computeIfAbsent(e.edgeTopic() + "-" + e.edgePartition(), k -> new ArrayList<>()).add(e);
        }
        long checked = 0;
        for (String topic : localToCentral.keySet()) {
            for (PartitionInfo pi : log.partitions(topic)) {
                String src = topic + "-" + pi.partition();
                List<Event> got = bySource.getOrDefault(src, List.of());
                // Order: one local partition's events go to one central partition (same murmur2 mapping), so
                // their edge offsets must rise there; the first occurrence of each must follow the local order.
                long expected = pi.startOffset();
                Map<Long, Integer> seen = new HashMap<>();
                List<Event> firsts = new ArrayList<>();
                for (Event e : got) {
                    if (seen.merge(e.edgeOffset(), 1, Integer::sum) == 1) {
                        firsts.add(e);
                    } else if (exactlyOnce) {
                        fail(src + ": offset " + e.edgeOffset() + " delivered twice (central " + e.centralTopic() + "-"
                                + e.centralPartition() + "@" + e.centralOffset() + ")");
                    }
                }
                firsts.sort((a, b) -> Long.compare(a.centralOffset(), b.centralOffset()));
                try (LogReader r = log.reader(topic, pi.partition(), pi.startOffset())) {
                    for (Event e : firsts) {
                        assertEquals(expected, e.edgeOffset(), src + ": event missing or out of order");
                        List<StoredRecord> one = r.poll(1, Duration.ofSeconds(5));
                        assertEquals(1, one.size(), src + ": local event " + expected + " unreadable");
                        StoredRecord s = one.get(0);
                        assertEquals(expected, s.offset());
                        assertArrayEquals(s.key(), e.key(), src + "@" + expected + " key");
                        assertArrayEquals(s.value(), e.value(), src + "@" + expected + " value");
                        assertEquals(s.timestamp(), e.timestamp(), src + "@" + expected + " timestamp");
                        for (io.edgegateway.log.Header h : s.headers()) {
                            assertArrayEquals(h.value(), rawHeader(e, h.key()), src + "@" + expected + " header " + h.key());
                        }
                        expected++;
                    }
                }
                assertEquals(pi.endOffset(), expected, src + ": " + (pi.endOffset() - expected) + " events never arrived");
                checked += firsts.size();
            }
        }
        assertTrue(checked > 0, "nothing was checked");
        return checked;
    }

    /** Asserts the offsets topic holds the local end offset of every partition of the topics. */
    static void verifyPositions(LocalLog log, String bootstrap, String offsetsTopic, String gatewayId,
            Collection<String> topics) {
        Map<String, Long> positions = positions(bootstrap, offsetsTopic, gatewayId);
        Map<String, Long> expected = new TreeMap<>();
        for (String t : topics) {
            for (PartitionInfo pi : log.partitions(t)) {
                if (pi.endOffset() > 0) {
                    expected.put(t + "/" + pi.partition(), pi.endOffset());
                }
            }
        }
        assertEquals(expected, positions, "offsets topic");
    }

    private static String headerValue(Event e, String name) {
        byte[] v = rawHeader(e, name);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    private static byte[] rawHeader(Event e, String name) {
        byte[] v = null;
        for (Header h : e.headers()) {
            if (h.key().equals(name)) {
                v = h.value();
            }
        }
        return v;
    }
}
