package io.edgegateway.uplink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a transaction of this gateway that Kafka left open for good, when (and only when) its outcome
 * cannot have been seen anywhere. Kafka's transaction coordinator skips the markers of partitions that
 * have no leader at that moment (it takes them for deleted) and completes the transaction anyway; after
 * a broker restart in which the partitions were leaderless, the transaction then stays open on them, and
 * the offsets topic's last stable offset never moves past it.
 *
 * <p>Called after {@code initTransactions} of this gateway's new producer, so the coordinator tracks no
 * transaction of it in progress. It looks at every partition the transactional id writes (the central
 * data topics and the offsets topic): if this producer id holds a transaction open at one epoch E on some
 * of them, and no partition carries a marker of that transaction (no partition has seen the producer at
 * a later epoch, as a marker would show), then no {@code read_committed} reader has seen any of its
 * events or positions anywhere. Aborting it on all the partitions that hold it is then the same as a
 * transaction that aborted: its events are sent again from the positions before it (the producer may
 * have been told that it committed and moved the local cursors, so the caller then trusts only the
 * committed positions). In any other case
 * (a marker somewhere, several epochs open, the coordinator busy) it leaves everything alone, and the
 * uplink stays offline with the open transaction named.
 */
final class StrandedTransaction {
    private static final Logger log = LoggerFactory.getLogger(StrandedTransaction.class);
    private static final Set<String> SETTLED = Set.of("empty", "completecommit", "completeabort");

    private StrandedTransaction() {
    }

    /** Returns what was aborted (empty if nothing was, or if it was not safe to). */
    static List<String> abortIfUnseen(Admin admin, String transactionalId, Collection<String> topics, long timeoutMs)
            throws Exception {
        Long producerId = null;
        String state = null;
        for (TransactionListing t : admin.listTransactions().all().get(timeoutMs, TimeUnit.MILLISECONDS)) {
            if (t.transactionalId().equals(transactionalId)) {
                producerId = t.producerId();
                state = t.state().toString();
            }
        }
        if (producerId == null || !SETTLED.contains(state.toLowerCase(Locale.ROOT))) {
            return List.of();
        }
        List<TopicPartition> tps = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS).forEach((name, d) ->
                d.partitions().forEach(p -> tps.add(new TopicPartition(name, p.partition()))));
        Map<TopicPartition, PartitionProducerState> states = admin.describeProducers(tps).all()
                .get(timeoutMs, TimeUnit.MILLISECONDS);
        Set<Integer> openEpochs = new LinkedHashSet<>();
        int highestEpoch = -1;
        List<AbortTransactionSpec> aborts = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (Map.Entry<TopicPartition, PartitionProducerState> e : states.entrySet()) {
            for (ProducerState ps : e.getValue().activeProducers()) {
                if (ps.producerId() != producerId) {
                    continue;
                }
                highestEpoch = Math.max(highestEpoch, ps.producerEpoch());
                if (ps.currentTransactionStartOffset().isPresent()) {
                    openEpochs.add(ps.producerEpoch());
                    aborts.add(new AbortTransactionSpec(e.getKey(), ps.producerId(), (short) ps.producerEpoch(),
                            ps.coordinatorEpoch().orElse(0)));
                    described.add(e.getKey() + " from offset " + ps.currentTransactionStartOffset().getAsLong());
                }
            }
        }
        if (aborts.isEmpty()) {
            return List.of();
        }
        if (openEpochs.size() != 1 || highestEpoch > openEpochs.iterator().next()) {
            log.warn("uplink: transactions of {} (producer {}) are open on {} but their outcome may be visible"
                    + " elsewhere (epochs open {}, highest epoch seen {}); leaving them to an operator",
                    transactionalId, producerId, described, openEpochs, highestEpoch);
            return List.of();
        }
        for (AbortTransactionSpec spec : aborts) {
            admin.abortTransaction(spec).all().get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        log.warn("uplink: a transaction of {} (producer {}, epoch {}) was left open by the cluster without markers"
                + " on {}, and no partition shows its outcome; aborted it on all of them, its events are sent again",
                transactionalId, producerId, openEpochs.iterator().next(), described);
        return described;
    }
}
