package io.edgegateway.uplink;

import io.edgegateway.log.StoredRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * At-least-once delivery for clusters without transactions: an idempotent producer (no duplicates from its
 * own retries, order kept per partition) whose sends never time out ({@link ClientConfigs}), so an event
 * is reported failed only when the cluster rejected it, never when it may have been written. The
 * forwarder moves the local cursor after the acks; a crash between ack and cursor write sends those
 * events again, and the {@link EdgeHeaders} identify the copies. On failure, the events acked before the
 * first failed one of each partition count as delivered. While acks are overdue the {@link Observer} is told,
 * so the connectivity state shows the outage although the producer is still retrying.
 */
final class IdempotentDelivery implements Delivery {
    private final UplinkOptions options;
    private final RecordConverter converter;
    private final Observer observer;
    private volatile KafkaProducer<byte[], byte[]> producer;

    IdempotentDelivery(UplinkOptions options, RecordConverter converter, Observer observer) {
        this.options = options;
        this.converter = converter;
        this.observer = observer;
    }

    @Override
    public Map<EdgePartition, Long> open(Set<EdgePartition> partitions) {
        producer = new KafkaProducer<>(ClientConfigs.producer(options, null), new ByteArraySerializer(),
                new ByteArraySerializer());
        return Map.of();
    }

    private record Sent(EdgePartition partition, long offset, Future<RecordMetadata> ack) {
    }

    @Override
    public void deliver(OutboundBatch batch) throws DeliveryFailure, InterruptedException {
        KafkaProducer<byte[], byte[]> p = producer;
        List<Sent> sent = new ArrayList<>(batch.count());
        Throwable sendError = null;
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        outer:
        for (Map.Entry<EdgePartition, List<StoredRecord>> e : batch.chunks().entrySet()) {
            for (StoredRecord r : e.getValue()) {
                if (failed.get()) {
                    // The rest goes in the next batch; a send to a refused topic can block for max.block.ms.
                    break outer;
                }
                try {
                    sent.add(new Sent(e.getKey(), r.offset(), p.send(converter.convert(e.getKey(), r),
                            (md, ex) -> {
                                if (ex != null) {
                                    failed.set(true);
                                }
                            })));
                } catch (RuntimeException ex) {
                    sendError = ex;
                    break outer;
                }
            }
        }
        Map<EdgePartition, Long> delivered = new LinkedHashMap<>();
        Map<EdgePartition, Boolean> broken = new HashMap<>();
        TopicErrors topicErrors = new TopicErrors();
        Throwable firstError = sendError;
        long waitingSince = System.nanoTime();
        boolean told = false;
        for (Sent s : sent) {
            Throwable err = null;
            while (true) {
                try {
                    s.ack().get(Math.min(options.probeIntervalMs(), 1000), TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException t) {
                    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waitingSince);
                    if (!told && waited >= options.operationTimeoutMs()) {
                        observer.waiting("no acks for " + waited + " ms; the producer keeps retrying");
                        told = true;
                    }
                } catch (ExecutionException ex) {
                    err = ex.getCause();
                    break;
                }
            }
            waitingSince = System.nanoTime();
            if (err == null) {
                if (!broken.containsKey(s.partition())) {
                    delivered.put(s.partition(), s.offset() + 1);
                }
                continue;
            }
            broken.put(s.partition(), true);
            if (firstError == null) {
                firstError = err;
            }
            topicErrors.record(s.partition().topic(), converter.centralTopic(s.partition()), err);
        }
        if (firstError == null) {
            return;
        }
        Errors.Kind kind = Errors.classify(firstError);
        throw new DeliveryFailure(kind == Errors.Kind.TOPIC ? Errors.Kind.RETRY : kind,
                "batch not fully acked: " + Errors.describe(firstError), firstError, topicErrors.snapshot(), delivered);
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
