package io.edgegateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgegateway.log.Header;
import io.edgegateway.log.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/** Error classification with Kafka's own exception classes, and what a forwarded record looks like. */
class ErrorsTest {
    @Test
    void fatalTopicAndRetriableErrors() {
        assertEquals(Errors.Kind.FATAL, Errors.classify(new ProducerFencedException("newer instance")));
        assertEquals(Errors.Kind.FATAL, Errors.classify(new OutOfOrderSequenceException("lost")));
        assertEquals(Errors.Kind.FATAL, Errors.classify(new TransactionalIdAuthorizationException("no")));
        assertEquals(Errors.Kind.FATAL, Errors.classify(new KafkaException("The producer closed forcefully")));
        assertEquals(Errors.Kind.FATAL, Errors.classify(new KafkaException(new ProducerFencedException("x"))));

        assertEquals(Errors.Kind.TOPIC, Errors.classify(new TopicAuthorizationException(Set.of("edge.x"))));
        assertEquals(Errors.Kind.TOPIC, Errors.classify(new ExecutionException(new RecordTooLargeException("big"))));
        assertEquals(TopicStatus.State.NOT_AUTHORIZED, Errors.topicState(new TopicAuthorizationException(Set.of("t"))));
        assertEquals(TopicStatus.State.RECORD_TOO_LARGE, Errors.topicState(new RecordTooLargeException("big")));
        assertEquals(TopicStatus.State.TOPIC_MISSING, Errors.topicState(new UnknownTopicOrPartitionException("t")));

        assertEquals(Errors.Kind.RETRY, Errors.classify(new TimeoutException("slow")));
        assertEquals(Errors.Kind.RETRY, Errors.classify(new NetworkException("reset")));
        assertEquals(Errors.Kind.RETRY, Errors.classify(new NotEnoughReplicasException("isr")));
        assertNull(Errors.topicState(new TimeoutException("slow")));
        assertTrue(Errors.metadataTimeout(new TimeoutException("Topic edge.x not present in metadata after 60000 ms.")));
        assertFalse(Errors.metadataTimeout(new TimeoutException("Expiring 3 record(s)")));
    }

    @Test
    void forwardedRecordKeepsKeyValueTimeAndHeadersAndNamesItsSource() {
        StoredRecord r = new StoredRecord("sensors", 2, 41, 1_700_000_000_123L, "dev-1".getBytes(StandardCharsets.UTF_8),
                "{\"t\":21.5}".getBytes(StandardCharsets.UTF_8),
                List.of(Header.of("device-type", "bme280"), Header.of(EdgeHeaders.CLOCK_QUALITY, "unsynchronized")));
        RecordConverter c = new RecordConverter(new TopicMapper("edge.${topic}", "gw-7"), "gw-7");
        ProducerRecord<byte[], byte[]> p = c.convert(new EdgePartition("sensors", 2), r);
        assertEquals("edge.sensors", p.topic());
        assertNull(p.partition(), "the default partitioner maps the key like the local log");
        assertEquals(r.timestamp(), p.timestamp());
        assertEquals("dev-1", new String(p.key(), StandardCharsets.UTF_8));
        assertEquals("{\"t\":21.5}", new String(p.value(), StandardCharsets.UTF_8));
        Map<String, String> h = new java.util.LinkedHashMap<>();
        p.headers().forEach(x -> h.put(x.key(), new String(x.value(), StandardCharsets.UTF_8)));
        assertEquals(Map.of("device-type", "bme280", "clock-quality", "unsynchronized", "edge-gateway", "gw-7",
                "edge-topic", "sensors", "edge-partition", "2", "edge-offset", "41"), h);
        assertEquals(List.of("device-type", "clock-quality", "edge-gateway", "edge-topic", "edge-partition",
                "edge-offset"), List.copyOf(h.keySet()));
    }

    @Test
    void aCorrectedTimestampIsForwardedWithTheStoredOneInAHeader() {
        StoredRecord r = new StoredRecord("sensors", 0, 7, 1_000L, null, new byte[] {1},
                List.of(Header.of(EdgeHeaders.CLOCK_QUALITY, "unsynchronized")));
        RecordConverter c = new RecordConverter(new TopicMapper("edge.${topic}", "gw-7"), "gw-7",
                s -> s.timestamp() + 1_700_000_000_000L);
        ProducerRecord<byte[], byte[]> p = c.convert(new EdgePartition("sensors", 0), r);
        assertEquals(1_700_000_001_000L, p.timestamp());
        assertEquals("1000", new String(p.headers().lastHeader(EdgeHeaders.CLOCK_CORRECTED_FROM).value(),
                StandardCharsets.US_ASCII));
        ProducerRecord<byte[], byte[]> same = new RecordConverter(new TopicMapper("edge.${topic}", "gw-7"), "gw-7",
                EventTimestamps.AS_STORED).convert(new EdgePartition("sensors", 0), r);
        assertNull(same.headers().lastHeader(EdgeHeaders.CLOCK_CORRECTED_FROM), "no header when nothing changed");
    }

    @Test
    void batchRemembersPositionsAndDropsPausedTopics() {
        OutboundBatch b = new OutboundBatch();
        EdgePartition a0 = new EdgePartition("a", 0);
        EdgePartition b1 = new EdgePartition("b", 1);
        for (long o = 10; o < 13; o++) {
            StoredRecord r = new StoredRecord("a", 0, o, 1, new byte[4], new byte[10], List.of());
            b.add(a0, r, OutboundBatch.sizeOf(r));
        }
        StoredRecord rb = new StoredRecord("b", 1, 7, 1, null, new byte[100], List.of());
        b.add(b1, rb, OutboundBatch.sizeOf(rb));
        assertEquals(4, b.count());
        assertEquals(Map.of(a0, 13L, b1, 8L), b.nextOffsets());
        assertEquals(Map.of(b1, 7L), b.removeTopic("b"));
        assertEquals(3, b.count());
        b.trim(a0, 12);
        assertEquals(Map.of(a0, 12L), b.firstOffsets());
        assertEquals(OutboundBatch.sizeOf(new StoredRecord("a", 0, 12, 1, new byte[4], new byte[10], List.of())), b.bytes());
    }
}
