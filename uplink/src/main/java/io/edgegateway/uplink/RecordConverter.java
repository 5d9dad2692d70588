package io.edgegateway.uplink;

import io.edgegateway.log.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns a stored event into the record sent to the central cluster: same key, value and event timestamp,
 * the central topic from the {@link TopicMapper}, the {@link EdgeHeaders}. The partition is left to Kafka's
 * default partitioner, which for a keyed record is the same murmur2 mapping as the local log's, so a
 * device's events stay in one partition end to end. Not thread-safe (caches per partition).
 */
final class RecordConverter {
    private final TopicMapper mapper;
    private final byte[] gatewayId;
    private final EventTimestamps timestamps;
    private final Map<EdgePartition, Target> cache = new HashMap<>();

    private record Target(String centralTopic, byte[] edgeTopic, byte[] edgePartition) {
    }

    RecordConverter(TopicMapper mapper, String gatewayId) {
        this(mapper, gatewayId, EventTimestamps.AS_STORED);
    }

    RecordConverter(TopicMapper mapper, String gatewayId, EventTimestamps timestamps) {
        this.mapper = mapper;
        this.gatewayId = gatewayId.getBytes(StandardCharsets.UTF_8);
        this.timestamps = timestamps;
    }

    ProducerRecord<byte[], byte[]> convert(EdgePartition p, StoredRecord r) {
        Target t = cache.computeIfAbsent(p, k -> new Target(mapper.centralTopic(k.topic()),
                k.topic().getBytes(StandardCharsets.UTF_8),
                Integer.toString(k.partition()).getBytes(StandardCharsets.US_ASCII)));
        RecordHeaders headers = EdgeHeaders.of(r, gatewayId, t.edgeTopic(), t.edgePartition());
        long timestamp = timestamps.timestampOf(r);
        if (timestamp != r.timestamp()) {
            headers.add(EdgeHeaders.CLOCK_CORRECTED_FROM,
                    Long.toString(r.timestamp()).getBytes(StandardCharsets.US_ASCII));
        }
        return new ProducerRecord<>(t.centralTopic(), null, timestamp, r.key(), r.value(), headers);
    }

    /** The central topic the events of a local partition go to. */
    String centralTopic(EdgePartition p) {
        return mapper.centralTopic(p.topic());
    }

    /** Bytes the edge headers add to each event of a partition (a correction header adds a few more). */
    int headerOverhead(EdgePartition p) {
        return EdgeHeaders.overhead(gatewayId, p.topic().getBytes(StandardCharsets.UTF_8),
                Integer.toString(p.partition()).getBytes(StandardCharsets.US_ASCII));
    }
}
