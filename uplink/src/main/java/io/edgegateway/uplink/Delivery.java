package io.edgegateway.uplink;

import java.util.Map;
import java.util.Set;

/**
 * How batches reach the central cluster: {@link TransactionalDelivery} (exactly-once) or
 * {@link IdempotentDelivery} (at-least-once). One instance wraps one producer; after a fatal error the
 * forwarder closes it and opens a new one. Used by the forwarder thread only, except {@link #closeNow()}.
 */
interface Delivery extends AutoCloseable {

    /**
     * Creates the producer and returns the positions the cluster holds for the given partitions (exactly-once:
     * the committed offsets; at-least-once: none, the local cursors are the truth).
     */
    Map<EdgePartition, Long> open(Set<EdgePartition> partitions) throws Exception;

    /** Returns once every event of the batch is delivered (committed or acked), or throws. */
    void deliver(OutboundBatch batch) throws DeliveryFailure, InterruptedException;

    /** Closes the producer at once from any thread, failing a blocked send or commit. */
    void closeNow();

    @Override
    void close();

    /** Told when acks are overdue, so the connectivity state can move while a batch is in flight. */
    interface Observer {
        void waiting(String reason);
    }
}
