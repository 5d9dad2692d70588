package io.edgegateway.uplink;

import io.edgegateway.log.StoredRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Exactly-once delivery: one Kafka transaction per batch carrying the events and, for every partition in
 * the batch, its new position in the offsets topic ({@link CentralOffsets}). The transaction commits both
 * or neither, so the committed positions always say exactly how far the events were delivered.
 *
 * <p>Opening fences any older producer with the same {@code transactional.id} ({@code initTransactions}
 * also ends its open transaction) and only then reads the positions, so a transaction of a zombie can
 * neither commit afterwards nor be missed. If the positions stay held back by a transaction of this
 * gateway that the cluster left open without markers, {@link StrandedTransaction} ends it, but only when
 * its outcome cannot have been seen anywhere. A batch whose sends failed is aborted and reported
 * {@link Errors.Kind#RETRY} (or with the topics to pause); the forwarder sends the same batch again. A
 * commit that throws has an unknown outcome: that is reported {@link Errors.Kind#FATAL}, so the forwarder
 * builds a new producer and takes the positions from the cluster again; nothing is guessed.
 */
final class TransactionalDelivery implements Delivery {
    private final UplinkOptions options;
    private final String transactionalId;
    private final Admin admin;
    private final RecordConverter converter;
    private final CentralOffsets offsets;
    private volatile KafkaProducer<byte[], byte[]> producer;
    private long transactionTimeoutMs;

    TransactionalDelivery(UplinkOptions options, String transactionalId, Admin admin, RecordConverter converter,
            CentralOffsets offsets) {
        this.options = options;
        this.transactionalId = transactionalId;
        this.admin = admin;
        this.converter = converter;
        this.offsets = offsets;
    }

    @Override
    public Map<EdgePartition, Long> open(Set<EdgePartition> partitions) throws Exception {
        offsets.ensureTopic(admin, options.offsetsTopicPartitions(), options.offsetsTopicReplicationFactor(),
                options.operationTimeoutMs());
        Properties props = ClientConfigs.producer(options, transactionalId);
        transactionTimeoutMs = Long.parseLong(props.getProperty("transaction.timeout.ms", "60000"));
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        try {
            return offsets.read(admin, ClientConfigs.consumer(options), partitions, options.operationTimeoutMs());
        } catch (TimeoutException e) {
            Set<String> topics = new TreeSet<>();
            partitions.forEach(p -> topics.add(converter.centralTopic(p)));
            topics.add(offsets.topic());
            List<String> aborted;
            try {
                aborted = StrandedTransaction.abortIfUnseen(admin, transactionalId, topics,
                        options.operationTimeoutMs());
            } catch (Exception checkFailed) {
                e.addSuppressed(checkFailed);
                throw e;
            }
            if (aborted.isEmpty()) {
                throw e;
            }
            Map<EdgePartition, Long> positions = new HashMap<>(
                    offsets.read(admin, ClientConfigs.consumer(options), partitions, options.operationTimeoutMs()));
            // The coordinator may have told the producer that the transaction committed, and the local cursors
            // then moved past its events; now that it is aborted, only committed positions count, and a
            // partition without one has delivered nothing (0: from the local log's start).
            for (EdgePartition p : partitions) {
                positions.putIfAbsent(p, 0L);
            }
            return positions;
        }
    }

    @Override
    public void deliver(OutboundBatch batch) throws DeliveryFailure {
        long began = System.nanoTime();
        try {
            attempt(batch);
        } catch (DeliveryFailure f) {
            // An epoch error means a newer producer with our id exists: another process took over, or the
            // coordinator aborted our transaction for running past transaction.timeout.ms (then the epoch is
            // bumped too). Only a transaction younger than that timeout can have been fenced by a takeover.
            Throwable c = Errors.unwrap(f.getCause() == null ? f : f.getCause());
            boolean epoch = c instanceof ProducerFencedException || c instanceof InvalidProducerEpochException;
            f.fenced = epoch && (System.nanoTime() - began) / 1_000_000 < transactionTimeoutMs;
            throw f;
        }
    }

    private void attempt(OutboundBatch batch) throws DeliveryFailure {
        KafkaProducer<byte[], byte[]> p = producer;
        TopicErrors topicErrors = new TopicErrors();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        Throwable sendError = null;
        try {
            p.beginTransaction();
            outer:
            for (Map.Entry<EdgePartition, List<StoredRecord>> e : batch.chunks().entrySet()) {
                EdgePartition ep = e.getKey();
                String centralTopic = converter.centralTopic(ep);
                Callback cb = (md, ex) -> {
                    if (ex != null) {
                        firstError.compareAndSet(null, ex);
                        topicErrors.record(ep.topic(), centralTopic, ex);
                    }
                };
                for (StoredRecord r : e.getValue()) {
                    if (firstError.get() != null) {
                        // The transaction will be aborted: sending more only costs time (a send to a topic
                        // the cluster refuses can block for max.block.ms each).
                        break outer;
                    }
                    p.send(converter.convert(ep, r), cb);
                }
            }
            Callback offsetsCb = (md, ex) -> {
                if (ex != null) {
                    firstError.compareAndSet(null, ex);
                }
            };
            batch.nextOffsets().forEach((ep, next) -> p.send(offsets.record(ep, next), offsetsCb));
        } catch (RuntimeException e) {
            sendError = e;
        }
        if (sendError == null && firstError.get() == null) {
            try {
                p.commitTransaction();
                return;
            } catch (RuntimeException e) {
                if (firstError.get() == null) {
                    throw new DeliveryFailure(Errors.Kind.FATAL, "commit failed with an unknown outcome: "
                            + Errors.describe(e), e, Map.of(), Map.of());
                }
                // A send failed before the commit: the transaction cannot have committed; abort below.
            }
        }
        Throwable cause = firstError.get() != null ? firstError.get() : sendError;
        Errors.Kind kind = Errors.classify(cause);
        if (kind == Errors.Kind.TOPIC) {
            kind = Errors.Kind.RETRY;
        }
        if (kind != Errors.Kind.FATAL) {
            try {
                p.abortTransaction();
            } catch (RuntimeException e) {
                throw new DeliveryFailure(Errors.Kind.FATAL, "abort failed: " + Errors.describe(e), e,
                        topicErrors.snapshot(), Map.of());
            }
        }
        throw new DeliveryFailure(kind, "transaction aborted: " + Errors.describe(cause), cause,
                topicErrors.snapshot(), Map.of());
    }

    @Override
    public void closeNow() {
        KafkaProducer<byte[], byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ZERO);
        }
    }

    @Override
    public void close() {
        closeNow();
    }
}
