package io.edgegateway.uplink;

import io.edgegateway.log.Header;
import io.edgegateway.log.StoredRecord;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers every forwarded record carries, as UTF-8 text so that Kafka's console tools show them:
 * the gateway id, and the local topic, partition and offset the event was stored at. Together they name
 * an event uniquely, which is how a consumer removes the copies an at-least-once uplink may send after a
 * crash. The event's own headers (device type, driver, {@value #CLOCK_QUALITY}, ...) pass through
 * unchanged and come first, in their stored order.
 */
public final class EdgeHeaders {
    public static final String GATEWAY = "edge-gateway";
    public static final String EDGE_TOPIC = "edge-topic";
    public static final String EDGE_PARTITION = "edge-partition";
    public static final String EDGE_OFFSET = "edge-offset";
    /** Set by the drivers ({@code synchronized} / {@code unsynchronized}); forwarded as stored. */
    public static final String CLOCK_QUALITY = "clock-quality";
    /**
     * Present when the gateway corrected the event's timestamp before forwarding (it was stamped before the
     * clock was synchronized): the timestamp the event was stored with, in epoch milliseconds.
     */
    public static final String CLOCK_CORRECTED_FROM = "clock-corrected-from";

    private EdgeHeaders() {
    }

    static RecordHeaders of(StoredRecord r, byte[] gatewayId, byte[] edgeTopic, byte[] edgePartition) {
        RecordHeaders h = new RecordHeaders();
        for (Header x : r.headers()) {
            h.add(x.key(), x.value());
        }
        h.add(GATEWAY, gatewayId);
        h.add(EDGE_TOPIC, edgeTopic);
        h.add(EDGE_PARTITION, edgePartition);
        h.add(EDGE_OFFSET, Long.toString(r.offset()).getBytes(StandardCharsets.US_ASCII));
        return h;
    }

    /** Bytes the headers add to a record beyond the stored ones, for byte accounting. */
    static int overhead(byte[] gatewayId, byte[] edgeTopic, byte[] edgePartition) {
        return GATEWAY.length() + EDGE_TOPIC.length() + EDGE_PARTITION.length() + EDGE_OFFSET.length()
                + gatewayId.length + edgeTopic.length + edgePartition.length + 12;
    }
}
