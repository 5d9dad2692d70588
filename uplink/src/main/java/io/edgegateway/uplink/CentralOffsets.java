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
 * <p>Reading must not miss a committed position that sits behind another gateway's open transaction: a
 * {@code read_committed} consumer stops at the last stable offset. So {@link #read} first takes the high
 * watermark (read_uncommitted) and reads until its position passes it; that waits at most for the other
 * transactions to end, bounded by the operation timeout. If what holds it back is a transaction of this
 * gateway's own id that the coordinator has forgotten (seen after broker crashes), it is aborted.
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
     * absent from the result.
     */
    Map<EdgePartition, Long> read(Admin admin, Properties consumerProps, Set<EdgePartition> wanted, long timeoutMs,
            String transactionalId) throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        try {
            return read(admin, consumerProps, wanted, timeoutMs);
        } catch (TimeoutException e) {
            List<String> aborted = abortOrphans(admin, transactionalId);
            if (aborted.isEmpty()) {
                throw e;
            }
            log.warn("the offsets topic {} was held back by transactions of this gateway's own transactional.id {}"
                    + " that its coordinator no longer tracks (left behind by a broker failure); aborted them: {}",
                    topic, transactionalId, aborted);
            return read(admin, consumerProps, wanted, timeoutMs);
        }
    }

    /**
     * Aborts open transactions on the offsets topic that belong to {@code transactionalId} while its
     * coordinator reports no transaction in progress. Called after {@code initTransactions}, so no producer
     * can still commit them: only a marker the coordinator lost track of is missing, and until one is
     * written the topic's last stable offset, and with it every position behind it, stays stuck. This is
     * what {@code kafka-transactions.sh abort} does by hand.
     */
    private List<String> abortOrphans(Admin admin, String transactionalId) {
        List<String> aborted = new ArrayList<>();
        try {
            Map<Long, String> states = new HashMap<>();
            admin.listTransactions().all().get(5, TimeUnit.SECONDS).forEach(t -> {
                if (t.transactionalId().equals(transactionalId)) {
                    states.put(t.producerId(), t.state().toString());
                }
            });
            List<TopicPartition> tps = new ArrayList<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> tps.add(new TopicPartition(topic, p.partition())));
            for (Map.Entry<TopicPartition, org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState> e
                    : admin.describeProducers(tps).all().get(5, TimeUnit.SECONDS).entrySet()) {
                for (org.apache.kafka.clients.admin.ProducerState ps : e.getValue().activeProducers()) {
                    String state = states.get(ps.producerId());
                    if (ps.currentTransactionStartOffset().isEmpty() || state == null
                            || IN_PROGRESS.contains(state.toLowerCase(java.util.Locale.ROOT))) {
                        continue;
                    }
                    admin.abortTransaction(new org.apache.kafka.clients.admin.AbortTransactionSpec(e.getKey(),
                            ps.producerId(), (short) ps.producerEpoch(), ps.coordinatorEpoch().orElse(0)))
                            .all().get(5, TimeUnit.SECONDS);
                    aborted.add(e.getKey() + " from offset " + ps.currentTransactionStartOffset().getAsLong()
                            + " (producer " + ps.producerId() + ", epoch " + ps.producerEpoch() + ")");
                }
            }
        } catch (Exception e) {
            log.warn("could not check the offsets topic {} for abandoned transactions: {}", topic, e.toString());
        }
        return aborted;
    }

    private static final Set<String> IN_PROGRESS = Set.of("ongoing", "prepareabort", "preparecommit",
            "prepareepochfence", "unknown");

    private Map<EdgePartition, Long> read(Admin admin, Properties consumerProps, Set<EdgePartition> wanted, long timeoutMs)
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
