package io.edgegateway.uplink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source positions kept on the central cluster, in a compacted topic shared by all gateways (the
 * offsets topic of Kafka Connect's exactly-once source connectors, KIP-618). Record key
 * {@code <gateway>/<local topic>/<partition>}, value the next local offset to forward as decimal ASCII,
 * so {@code kafka-console-consumer --property print.key=true} shows them. The exactly-once forwarder
 * writes them in the same transaction as the events, so the latest committed value is exactly how far
 * the events were delivered.
 *
 * <p>Reading must not miss a committed position that sits behind an open transaction (another gateway's,
 * or this gateway's previous one whose markers the coordinator is still writing): a {@code read_committed}
 * consumer stops at the last stable offset. So {@link #read} first takes the high watermark
 * (read_uncommitted) and reads until its position passes it; that waits for those transactions to end,
 * bounded by the operation timeout.
 */
final class CentralOffsets {
    private static final Logger log = LoggerFactory.getLogger(CentralOffsets.class);

    private final String topic;
    private final String gatewayId;

    CentralOffsets(String topic, String gatewayId) {
        this.topic = topic;
        this.gatewayId = gatewayId;
    }

    String topic() {
        return topic;
    }

    String key(EdgePartition p) {
        return gatewayId + "/" + p.topic() + "/" + p.partition();
    }

    ProducerRecord<byte[], byte[]> record(EdgePartition p, long nextOffset) {
        return new ProducerRecord<>(topic, key(p).getBytes(StandardCharsets.UTF_8),
                Long.toString(nextOffset).getBytes(StandardCharsets.US_ASCII));
    }

    /** Creates the compacted offsets topic if it does not exist. */
    void ensureTopic(Admin admin, int partitions, short replicationFactor, long timeoutMs)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        try {
            admin.describeTopics(List.of(topic)).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
            return;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
        NewTopic t = new NewTopic(topic, java.util.Optional.of(partitions),
                replicationFactor < 0 ? java.util.Optional.empty() : java.util.Optional.of(replicationFactor))
                .configs(Map.of("cleanup.policy", "compact"));
        try {
            admin.createTopics(List.of(t)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
            log.info("created the compacted offsets topic {} ({} partitions)", topic, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /**
     * The committed positions of this gateway for the given partitions; partitions without an entry are
     * absent from the result. Call it only after {@code initTransactions} of this gateway's producer: that
     * fences the previous producer and has the coordinator finish (commit or abort) the transaction it left
     * behind, so what remains is to wait until the markers are written on the offsets topic. Reads with
     * {@code read_committed} until the position passes the high watermark taken at the start, i.e. until
     * the last stable offset covers everything written before; throws a {@link TimeoutException} if that
     * does not happen within {@code timeoutMs}, and the caller tries again later. It never ends a
     * transaction itself: an abort marker written on the offsets topic alone, for a transaction whose events
     * are committed, would hide the positions of delivered events, which are then sent again (see
     * {@link StrandedTransaction} for the one case the delivery may end one, on every partition at once).
     */
    Map<EdgePartition, Long> read(Admin admin, Properties consumerProps, Set<EdgePartition> wanted, long timeoutMs)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        Map<String, TopicDescription> d = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(timeoutMs, TimeUnit.MILLISECONDS);
        List<TopicPartition> tps = new ArrayList<>();
        d.get(topic).partitions().forEach(p -> tps.add(new TopicPartition(topic, p.partition())));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        tps.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> highWatermarks = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                .get(remainingMs(deadline), TimeUnit.MILLISECONDS)
                .forEach((tp, info) -> highWatermarks.put(tp, info.offset()));

        Map<String, EdgePartition> byKey = new HashMap<>();
        wanted.forEach(p -> byKey.put(key(p), p));
        Map<EdgePartition, Long> out = new HashMap<>();
        Properties props = new Properties();
        props.putAll(consumerProps);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.assign(tps);
            c.seekToBeginning(tps);
            while (!reached(c, highWatermarks)) {
                long left = remainingMs(deadline);
                if (left <= 0) {
                    throw new TimeoutException("reading the offsets topic " + topic + " did not reach its end "
                            + highWatermarks + " within " + timeoutMs + " ms; " + openTransactions(admin, tps));
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(Math.min(left, 200)))) {
                    if (r.key() == null) {
                        continue;
                    }
                    EdgePartition p = byKey.get(new String(r.key(), StandardCharsets.UTF_8));
                    if (p == null) {
                        continue;
                    }
                    if (r.value() == null) {
                        out.remove(p);
                    } else {
                        out.put(p, Long.parseLong(new String(r.value(), StandardCharsets.US_ASCII)));
                    }
                }
            }
        }
        return out;
    }

    /** Which transactions hold the offsets topic's stable offset back, for the error message. */
    private static String openTransactions(Admin admin, List<TopicPartition> tps) {
        try {
            Map<Long, String> ids = new HashMap<>();
            admin.listTransactions().all().get(5, TimeUnit.SECONDS)
                    .forEach(t -> ids.put(t.producerId(), t.transactionalId() + " " + t.state()));
            List<String> open = new ArrayList<>();
            admin.describeProducers(tps).all().get(5, TimeUnit.SECONDS).forEach((tp, d) -> d.activeProducers()
                    .forEach(p -> p.currentTransactionStartOffset().ifPresent(o -> open.add(tp + " from offset " + o
                            + " by producer " + p.producerId() + " (" + ids.getOrDefault(p.producerId(), "?") + ")"))));
            return open.isEmpty() ? "no open transaction found" : "open transactions: " + open;
        } catch (Exception e) {
            return "open transactions unknown (" + e + ")";
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (c.position(e.getKey(), Duration.ofSeconds(5)) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static long remainingMs(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
