package io.edgegateway.uplink;

import java.util.Map;
import java.util.Properties;

/**
 * Builds the properties of the Kafka clients from the options: the passed-through {@code kafka.*}
 * properties first, then what the delivery promise needs (acks=all, idempotence, the transactional id),
 * which the user cannot override. Defaults the user may override: {@code linger.ms=5},
 * {@code batch.size=262144} (large batches for draining a backlog), {@code max.block.ms=10000} (a blocked
 * send or commit gives the state machine a failure to count within seconds instead of a minute) and, in
 * at-least-once mode, an unbounded {@code delivery.timeout.ms}, because a send the producer gave up on may
 * still have been written, and re-sending it would duplicate outside a crash.
 */
final class ClientConfigs {
    static final Map<String, String> PRODUCER_DEFAULTS = Map.of("linger.ms", "5", "batch.size", "262144",
            "max.block.ms", "10000");

    private ClientConfigs() {
    }

    static Properties producer(UplinkOptions o, String transactionalId) {
        Properties p = new Properties();
        p.putAll(PRODUCER_DEFAULTS);
        if (o.mode() == DeliveryMode.AT_LEAST_ONCE) {
            p.put("delivery.timeout.ms", Integer.toString(Integer.MAX_VALUE));
        }
        p.putAll(o.kafkaProperties());
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("compression.type", o.compression());
        p.putIfAbsent("client.id", "edge-uplink-" + o.gatewayId());
        if (transactionalId != null) {
            p.put("transactional.id", transactionalId);
        }
        return p;
    }

    static Properties consumer(UplinkOptions o) {
        Properties p = new Properties();
        p.putAll(o.kafkaProperties());
        p.keySet().removeAll(PRODUCER_ONLY);
        p.put("client.id", "edge-uplink-offsets-" + o.gatewayId());
        return p;
    }

    static Properties admin(UplinkOptions o) {
        Properties p = new Properties();
        p.putAll(o.kafkaProperties());
        p.keySet().removeAll(PRODUCER_ONLY);
        p.put("client.id", "edge-uplink-admin-" + o.gatewayId());
        return p;
    }

    /** Producer settings a consumer or admin client would only warn about. */
    private static final java.util.Set<String> PRODUCER_ONLY = java.util.Set.of("linger.ms", "batch.size",
            "max.block.ms", "delivery.timeout.ms", "buffer.memory", "max.in.flight.requests.per.connection",
            "transaction.timeout.ms", "max.request.size", "retries", "partitioner.ignore.keys",
            "partitioner.adaptive.partitioning.enable", "compression.lz4.level", "compression.zstd.level",
            "compression.gzip.level");
}
